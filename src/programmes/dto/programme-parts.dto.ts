import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { TIE_BREAK_RULES } from '../programme.rules';
import type { TieBreakRuleName } from '../programme.rules';

/** The elements of a programme's rule lists: criteria, checklist items, sections, attachment kinds, tie-breaks. */

export const CODE = /^[a-z0-9][a-z0-9-]{0,31}$/i;
export const CODE_MESSAGE = '$property must be 1–32 letters, digits or dashes';
import { IsHundredths } from '../../common/http/numbers';
import { trim } from '../../common/http/text';

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
  @IsHundredths()
  @Min(-1000)
  @Max(1000)
  scaleMin: number;

  /** Highest score, e.g. 5. */
  @IsHundredths()
  @Min(-1000)
  @Max(1000)
  scaleMax: number;

  /** Step between allowed scores, e.g. 0.5 for half points. */
  @IsHundredths()
  @Min(0.01)
  @Max(1000)
  scaleStep: number;

  /** A bid scoring below this on the criterion drops out of the ranking. */
  @IsOptional()
  @IsHundredths()
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

export class SectionInputDto extends AttachmentKindInputDto {
  /** Maximum length of the section's text in characters. */
  @IsInt()
  @Min(100)
  @Max(200000)
  maxLength: number;
}

export class TieBreakInputDto {
  @IsIn(TIE_BREAK_RULES)
  rule: TieBreakRuleName;

  @IsOptional()
  @Matches(CODE, { message: CODE_MESSAGE })
  criterionCode?: string;
}
