import { trim } from '../../common/http/text';
import { Transform, Type } from 'class-transformer';
import { IsHundredths } from '../../common/http/numbers';
import { IsOptionalNotNull } from '../../common/http/optional';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsKopecks } from '../../common/money/kopecks';
import { AGGREGATIONS, ALLOCATION_POLICIES } from '../programme.rules';
import type { Aggregation, AllocationPolicy } from '../programme.rules';
import {
  AttachmentKindInputDto,
  CODE,
  CriterionInputDto,
  EligibilityItemInputDto,
  SectionInputDto,
  TieBreakInputDto,
} from './programme-parts.dto';

/** An instant with an explicit offset (2016-09-26T23:59:59+03:00 or …Z): a deadline is never in "local time". */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

const Kopecks = () => IsKopecks({ allowZero: false });

/**
 * Every editable rule of a programme. On create, `code`, `titleRu` and `titleEn` are required and the rest may
 * come later (a draft may be incomplete, never contradictory); on update every field is optional and lists are
 * replaced whole.
 */
class ProgrammeRulesInputDto {
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(20000)
  descriptionRu?: string;

  @IsOptionalNotNull()
  @IsString()
  @MaxLength(20000)
  descriptionEn?: string;

  /** When applications start being accepted; ISO 8601 with an offset, e.g. 2016-07-29T09:00:00+03:00. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: '$property must be an ISO 8601 instant with a time zone offset, e.g. 2016-09-26T23:59:59+03:00' })
  opensAt?: string | null;

  /** The deadline: one instant for every cluster, whatever its time zone. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: '$property must be an ISO 8601 instant with a time zone offset, e.g. 2016-09-26T23:59:59+03:00' })
  closesAt?: string | null;

  /** Total federal budget in kopecks (integer or integer string). */
  @IsOptional()
  @Kopecks()
  budgetKopecks?: string | null;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(2000, { each: true })
  @Max(2100, { each: true })
  fundingYears?: number[];

  /** Allowed cost categories (codes); defaults to the five directions of the clusters programme. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(CODE, { each: true, message: 'each of $property must be 1–32 letters, digits or dashes' })
  costCategories?: string[];

  @IsOptional()
  @Kopecks()
  maxFederalPerBidKopecks?: string | null;

  @IsOptional()
  @Kopecks()
  maxFederalPerClusterKopecks?: string | null;

  /** Minimum regional + extra-budgetary share of a bid's total, in basis points (3000 = 30 %). */
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10000)
  minCofinancingBasisPoints?: number;

  /** Whether a cluster may hold only one active bid in this programme. */
  @IsOptionalNotNull()
  @IsBoolean()
  singleActiveBid?: boolean;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SectionInputDto)
  sections?: SectionInputDto[];

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AttachmentKindInputDto)
  attachmentKinds?: AttachmentKindInputDto[];

  @IsOptionalNotNull()
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  maxAttachmentBytes?: number;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CriterionInputDto)
  criteria?: CriterionInputDto[];

  /** Bids whose weighted total is below this drop out. */
  @IsOptional()
  @IsHundredths()
  @Min(-1000)
  @Max(1000)
  minWeightedTotal?: number | null;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EligibilityItemInputDto)
  eligibilityChecklist?: EligibilityItemInputDto[];

  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(15)
  reviewersPerBid?: number;

  @IsOptionalNotNull()
  @IsIn(AGGREGATIONS)
  aggregation?: Aggregation;

  /** Trimmed mean: share cut from each end, in basis points. */
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(4999)
  trimBasisPoints?: number;

  /** Reviewers differing by more than this on a criterion flag the bid for a consensus score. */
  @IsOptional()
  @IsHundredths()
  @Min(0.01)
  @Max(1000)
  disagreementThreshold?: number | null;

  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(10000)
  minJustificationLength?: number;

  /** Whether a commissioner from the cluster's region counts as conflicted. */
  @IsOptionalNotNull()
  @IsBoolean()
  conflictSameRegion?: boolean;

  /** Applied in order after the weighted total. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TieBreakInputDto)
  tieBreakChain?: TieBreakInputDto[];

  @IsOptionalNotNull()
  @IsIn(ALLOCATION_POLICIES)
  allocationPolicy?: AllocationPolicy;

  /** partial-marginal: the first bid that does not fit gets the remainder if it is at least this share. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  partialMinShareBasisPoints?: number | null;

  /** select-top-n: how many bids are selected (a status award without money). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  selectTopN?: number | null;

  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1000)
  reserveListLength?: number;

  /** Days after publication during which an applicant may appeal. */
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(365)
  appealWindowDays?: number;
}

export class CreateProgrammeDto extends ProgrammeRulesInputDto {
  /** Short unique code, also the prefix of registration numbers, e.g. CL20-2016. */
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'code must be 2–32 capital letters, digits or dashes, e.g. CL20-2016' })
  code: string;

  @Transform(trim)
  @IsString()
  @Length(2, 500)
  titleRu: string;

  @Transform(trim)
  @IsString()
  @Length(2, 500)
  titleEn: string;
}

export class UpdateProgrammeDto extends ProgrammeRulesInputDto {
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(2, 500)
  titleRu?: string;

  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @Length(2, 500)
  titleEn?: string;
}

export class NewRuleVersionDto {
  /** Why the rules of an open call change; kept with the version and in the audit log. */
  @Transform(trim)
  @IsString()
  @Length(10, 2000)
  reason: string;

  /** Only the rules that change; at least one must end up different. */
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateProgrammeDto)
  changes: UpdateProgrammeDto;
}

export class ChangeStatusDto {
  @IsIn(['open', 'closed', 'scoring', 'archived'])
  status: 'open' | 'closed' | 'scoring' | 'archived';

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
