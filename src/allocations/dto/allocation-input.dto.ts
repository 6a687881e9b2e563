import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull } from '../../common/http/optional';
import { OneLine } from '../../common/http/text';
import { IsKopecks } from '../../common/money/kopecks';
import { ALLOCATION_POLICIES, type AllocationPolicy } from '../../programmes/programme.rules';

export class YearBudgetDto {
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  /** Federal money available in that year, kopecks (integer or integer string). */
  @IsKopecks()
  budgetKopecks: string;
}

/** A what-if allocation run; every field left out is taken from the programme's rules. */
export class RunInputDto {
  /** A name for the run, e.g. "budget −10 %". */
  @IsOptionalNotNull()
  @OneLine()
  @IsString()
  @Length(0, 200)
  label?: string;

  @IsOptionalNotNull()
  @IsIn(ALLOCATION_POLICIES)
  policy?: AllocationPolicy;

  /** Total federal budget of the run, at most the programme's. */
  @IsOptionalNotNull()
  @IsKopecks()
  budgetKopecks?: string;

  /** Per funding year: a bid's federal request for a year must fit that year's budget. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => YearBudgetDto)
  yearBudgets?: YearBudgetDto[];

  /** null: no cap. Left out: the programme's maximum per bid. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsKopecks({ allowZero: false })
  perBidCapKopecks?: string | null;

  /** null: no cap. Left out: the programme's maximum per cluster. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsKopecks({ allowZero: false })
  perClusterCapKopecks?: string | null;

  /** Federal money per region (ISO 3166-2:RU); null or left out: no cap. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsKopecks({ allowZero: false })
  perRegionCapKopecks?: string | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(10000)
  partialMinShareBasisPoints?: number | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(10000)
  selectTopN?: number | null;

  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(1000)
  reserveListLength?: number;
}

export class PublishDto {
  /** Replace the published run (e.g. after an upheld appeal); the earlier publication is kept, marked superseded. */
  @IsOptionalNotNull()
  @IsBoolean()
  supersede?: boolean;

  /** Why this run is published; required when superseding. */
  @ValidateIf((dto: PublishDto) => dto.supersede === true || dto.reason !== undefined)
  @IsString()
  @Length(10, 2000)
  reason?: string;
}

export class CompareQueryDto {
  /** Id of the first run. */
  @IsUUID()
  a: string;

  /** Id of the second run. */
  @IsUUID()
  b: string;
}
