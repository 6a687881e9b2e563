import { Transform } from 'class-transformer';
import { IsISO8601, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ProgrammeExtensionEntity } from '../programme-extension.entity';

export class GrantExtensionDto {
  @IsUUID()
  clusterId: string;

  /** The cluster's own deadline: an ISO 8601 instant with offset, later than the programme's. */
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'closesAt must carry a time zone offset, e.g. 2026-12-20T23:59:59+03:00' })
  closesAt: string;

  /** Why this cluster gets more time (e.g. a documented outage of the regional e-signature service). */
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(10, 2000)
  reason: string;
}

export class ExtensionDto {
  clusterId: string;
  closesAt: string;
  reason: string;
  grantedBy: string | null;
  grantedAt: string;

  static from(e: ProgrammeExtensionEntity): ExtensionDto {
    return {
      clusterId: e.clusterId,
      closesAt: e.closesAt.toISOString(),
      reason: e.reason,
      grantedBy: e.grantedBy,
      grantedAt: e.grantedAt.toISOString(),
    };
  }
}

export class ExtensionListDto {
  items: ExtensionDto[];
  total: number;
}
