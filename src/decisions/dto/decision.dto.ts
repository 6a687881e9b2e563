import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class LanguageQueryDto {
  /** Russian (default) or English. */
  @IsOptional()
  @IsIn(['ru', 'en'])
  lang?: 'ru' | 'en';
}

export class RetryDto {
  /** Only this bid's letters; all missing documents when left out. */
  @IsOptional()
  @IsUUID()
  submissionId?: string;
}

export class IssueProgressDto {
  issueId: string;
  runId: string;
  total: number;
  done: number;
  /** running or completed. */
  status: string;
  startedAt: string;
  finishedAt: string | null;
  ratePerSecond: number;
  secondsLeft: number | null;
}

export class IssueListDto {
  items: IssueProgressDto[];
  total: number;
}

/** What an issued document says, for anyone holding its code. */
export class VerificationDto {
  code: string;
  /** letter or protocol. */
  kind: string;
  language: string;
  /** current, or superseded by a later decision (see supersededByCode). */
  status: string;
  programme: { code: string; titleRu: string; titleEn: string };
  runNumber: number;
  registrationNumber: string | null;
  cluster: { ru: string; en: string } | null;
  outcome: string | null;
  fundedKopecks: string | null;
  sha256: string;
  sizeBytes: number;
  issuedAt: string;
  supersededAt: string | null;
  supersededByCode: string | null;
}
