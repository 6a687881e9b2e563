import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsKopecks } from '../../common/money/kopecks';
import { AGGREGATIONS, ALLOCATION_POLICIES, TIE_BREAK_RULES } from '../programme.rules';
import type { Aggregation, AllocationPolicy, TieBreakRuleName } from '../programme.rules';

const CODE = /^[a-z0-9][a-z0-9-]{0,31}$/i;
const CODE_MESSAGE = '$property must be 1–32 letters, digits or dashes';
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** An instant with an explicit offset (2016-09-26T23:59:59+03:00 or …Z): a deadline is never in "local time". */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const SCALE = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

export class CriterionInputDto {
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @Transform(trim)
  @IsString()
  @Length(2, 300)
  titleRu: string;

  @Transform(trim)
  @IsString()
  @Length(2, 300)
  titleEn: string;

  /** Whole percent; all weights add up to 100. */
  @IsInt()
  @Min(1)
  @Max(100)
  weight: number;

  /** Lowest score, e.g. 0 (up to two decimals). */
  @IsNumber(SCALE)
  @Min(-1000)
  @Max(1000)
  scaleMin: number;

  /** Highest score, e.g. 5. */
  @IsNumber(SCALE)
  @Min(-1000)
  @Max(1000)
  scaleMax: number;

  /** Step between allowed scores, e.g. 0.5 for half points. */
  @IsNumber(SCALE)
  @Min(0.01)
  @Max(1000)
  scaleStep: number;

  /** A bid scoring below this on the criterion drops out of the ranking. */
  @IsOptional()
  @IsNumber(SCALE)
  @Min(-1000)
  @Max(1000)
  minScore?: number | null;
}

export class EligibilityItemInputDto {
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @Transform(trim)
  @IsString()
  @Length(2, 1000)
  textRu: string;

  @Transform(trim)
  @IsString()
  @Length(2, 1000)
  textEn: string;
}

export class SectionInputDto {
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @Transform(trim)
  @IsString()
  @Length(2, 300)
  titleRu: string;

  @Transform(trim)
  @IsString()
  @Length(2, 300)
  titleEn: string;

  @IsBoolean()
  required: boolean;

  /** Maximum length of the section's text in characters. */
  @IsInt()
  @Min(100)
  @Max(200000)
  maxLength: number;
}

export class AttachmentKindInputDto {
  @Matches(CODE, { message: CODE_MESSAGE })
  code: string;

  @Transform(trim)
  @IsString()
  @Length(2, 300)
  titleRu: string;

  @Transform(trim)
  @IsString()
  @Length(2, 300)
  titleEn: string;

  @IsBoolean()
  required: boolean;
}

export class TieBreakInputDto {
  @IsIn(TIE_BREAK_RULES)
  rule: TieBreakRuleName;

  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  criterionCode?: string;
}

/**
 * Every editable rule of a programme. On create, `code`, `titleRu` and `titleEn` are required and the rest may
 * come later (a draft may be incomplete, never contradictory); on update every field is optional and lists are
 * replaced whole.
 */
class ProgrammeRulesInputDto {
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  descriptionRu?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  descriptionEn?: string;

  /** When applications start being accepted; ISO 8601 with an offset, e.g. 2016-07-29T09:00:00+03:00. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: '$property must be an ISO 8601 instant with a time zone offset, e.g. 2016-09-26T23:59:59+03:00' })
  opensAt?: string;

  /** The deadline: one instant for every cluster, whatever its time zone. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT, { message: '$property must be an ISO 8601 instant with a time zone offset, e.g. 2016-09-26T23:59:59+03:00' })
  closesAt?: string;

  /** Total federal budget in kopecks (integer or integer string). */
  @IsOptional()
  @IsKopecks({ allowZero: false })
  budgetKopecks?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(2000, { each: true })
  @Max(2100, { each: true })
  fundingYears?: number[];

  /** Allowed cost categories (codes); defaults to the five directions of the clusters programme. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(CODE, { each: true, message: 'each of $property must be 1–32 letters, digits or dashes' })
  costCategories?: string[];

  @IsOptional()
  @IsKopecks({ allowZero: false })
  maxFederalPerBidKopecks?: string;

  @IsOptional()
  @IsKopecks({ allowZero: false })
  maxFederalPerClusterKopecks?: string;

  /** Minimum regional + extra-budgetary share of a bid's total, in basis points (3000 = 30 %). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  minCofinancingBasisPoints?: number;

  /** Whether a cluster may hold only one active bid in this programme. */
  @IsOptional()
  @IsBoolean()
  singleActiveBid?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SectionInputDto)
  sections?: SectionInputDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AttachmentKindInputDto)
  attachmentKinds?: AttachmentKindInputDto[];

  @IsOptional()
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  maxAttachmentBytes?: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CriterionInputDto)
  criteria?: CriterionInputDto[];

  /** Bids whose weighted total is below this drop out. */
  @IsOptional()
  @IsNumber(SCALE)
  @Min(-1000)
  @Max(1000)
  minWeightedTotal?: number | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EligibilityItemInputDto)
  eligibilityChecklist?: EligibilityItemInputDto[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(15)
  reviewersPerBid?: number;

  @IsOptional()
  @IsIn(AGGREGATIONS)
  aggregation?: Aggregation;

  /** Trimmed mean: share cut from each end, in basis points. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4999)
  trimBasisPoints?: number;

  /** Reviewers differing by more than this on a criterion flag the bid for a consensus score. */
  @IsOptional()
  @IsNumber(SCALE)
  @Min(0.01)
  @Max(1000)
  disagreementThreshold?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  minJustificationLength?: number;

  /** Whether a commissioner from the cluster's region counts as conflicted. */
  @IsOptional()
  @IsBoolean()
  conflictSameRegion?: boolean;

  /** Applied in order after the weighted total. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => TieBreakInputDto)
  tieBreakChain?: TieBreakInputDto[];

  @IsOptional()
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

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  reserveListLength?: number;

  /** Days after publication during which an applicant may appeal. */
  @IsOptional()
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
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(2, 500)
  titleRu?: string;

  @IsOptional()
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
