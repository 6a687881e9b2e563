import { Transform } from 'class-transformer';
import { IsIn, IsString, Length } from 'class-validator';
import { trim } from '../../common/http/text';

export class FileAppealDto {
  /** Why the applicant contests the result: at least a few sentences. */
  @Transform(trim)
  @IsString()
  @Length(30, 10000)
  grounds: string;
}

export class ResolveAppealDto {
  @IsIn(['upheld', 'rejected'])
  decision: 'upheld' | 'rejected';

  /** The ministry's reasoning, shown to the applicant. */
  @Transform(trim)
  @IsString()
  @Length(30, 10000)
  reasoning: string;
}

export class AppealDto {
  id: string;
  programmeId: string;
  submissionId: string;
  registrationNumber: string;
  /** The publication the appeal contests. */
  runId: string;
  grounds: string;
  filedAt: string;
  /** filed, upheld or rejected. */
  status: string;
  resolution: string | null;
  resolvedAt: string | null;
  /** When the programme's appeal window closes (database clock decides). */
  windowClosesAt: string;
}

export class AppealListDto {
  items: AppealDto[];
  total: number;
}
