import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.dto';
import { AuditEntryEntity } from '../audit-entry.entity';

export class AuditQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(['user', 'session', 'cluster', 'programme', 'submission'])
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @IsOptional()
  @IsUUID()
  actorId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;
}

export class AuditEntryDto {
  /** Position in the chain, 1, 2, 3, … without gaps. */
  seq: number;
  /** When the change was made (database clock: the start of the writing transaction), ISO 8601. */
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
  hash: string;

  static from(entry: AuditEntryEntity): AuditEntryDto {
    return {
      seq: Number(entry.seq),
      at: entry.at.toISOString(),
      actorId: entry.actorId,
      actorRole: entry.actorRole,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before,
      after: entry.after,
      requestId: entry.requestId,
      prevHash: entry.prevHash,
      hash: entry.hash,
    };
  }
}

export class AuditPageDto {
  items: AuditEntryDto[];
  total: number;
}

export class AuditChainCheckDto {
  /** True when every row's hash and link recompute and nothing is missing. */
  valid: boolean;
  checkedRows: number;
  headSeq: number;
  firstBrokenSeq: number | null;
  problem: string | null;
}
