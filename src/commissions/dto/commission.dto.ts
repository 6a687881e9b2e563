import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsInn, RUSSIAN_REGIONS } from '../../clusters/russian-ids';
import { IsOptionalNotNull } from '../../common/http/optional';
import { OneLine, trim } from '../../common/http/text';
import { CONFLICT_KINDS, type ConflictKind, MEMBER_ROLES, type MemberRole } from '../commission.rules';

export class CommissionSettingsDto {
  /** When reviews are due (ISO 8601 with offset); reviews not submitted by then are shown as overdue. Null clears it. */
  @ValidateIf((_o, value) => value !== null)
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'reviewDueAt must carry a time zone offset, e.g. 2026-12-20T18:00:00+03:00' })
  reviewDueAt: string | null;
}

const OrganisationName = () => applyDecorators(Transform(trim), IsString(), Length(3, 500), OneLine());
const LoadCap = () => applyDecorators(IsInt(), Min(0), Max(1000));
const Expertise = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(30),
    ArrayUnique(),
    IsString({ each: true }),
    MinLength(2, { each: true }),
    MaxLength(100, { each: true }),
    OneLine({ each: true }),
  );

export class AddMemberDto {
  /** A user with the commissioner role. */
  @IsUUID()
  userId: string;

  @IsIn(MEMBER_ROLES)
  role: MemberRole;

  /** The member's organisation (employer), for conflict checks. */
  @OrganisationName()
  organisationName: string;

  @IsInn()
  organisationInn: string;

  /** ISO 3166-2:RU code of the member's region, e.g. RU-NVS. */
  @IsIn(RUSSIAN_REGIONS)
  regionCode: string;

  /** Most bids this member may review in this programme. */
  @LoadCap()
  loadCap: number;

  /** Fields of expertise, matched against the bids' industries when assigning. */
  @IsOptionalNotNull()
  @Expertise()
  expertise?: string[];
}

/** Any of the member's fields; those left out stay as they are. */
export class MemberChangeDto {
  @IsOptionalNotNull()
  @IsIn(MEMBER_ROLES)
  role?: MemberRole;

  @IsOptionalNotNull()
  @OrganisationName()
  organisationName?: string;

  @IsOptionalNotNull()
  @IsInn()
  organisationInn?: string;

  @IsOptionalNotNull()
  @IsIn(RUSSIAN_REGIONS)
  regionCode?: string;

  @IsOptionalNotNull()
  @LoadCap()
  loadCap?: number;

  @IsOptionalNotNull()
  @Expertise()
  expertise?: string[];
}

export class ConflictDeclarationDto {
  @IsIn(CONFLICT_KINDS)
  kind: ConflictKind;

  /** Why the member cannot review the bid impartially. */
  @Transform(trim)
  @IsString()
  @Length(10, 2000)
  reason: string;
}

export class BidConflictDto extends ConflictDeclarationDto {
  @IsUUID()
  submissionId: string;
}

export class StaffConflictDto extends BidConflictDto {
  @IsUUID()
  memberId: string;
}

export class RunAssignmentDto {
  /** Seed for tie-breaking between equally good assignments; the same seed on the same data gives the same result. */
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  seed?: number;

  /** Prefer members whose expertise matches the bid's industries (balance of loads always comes first). */
  @IsOptionalNotNull()
  @IsBoolean()
  useExpertise?: boolean;
}

export class SwapAssignmentDto {
  @IsUUID()
  submissionId: string;

  @IsUUID()
  fromMemberId: string;

  @IsUUID()
  toMemberId: string;

  @Transform(trim)
  @IsString()
  @Length(10, 2000)
  reason: string;
}
