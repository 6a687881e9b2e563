import { trim } from '../../common/http/text';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull } from '../../common/http/optional';
import { IsKopecks } from '../../common/money/kopecks';
import { BUDGET_SOURCES, type BudgetSource } from '../submission.rules';

const SECTION_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/i;
/** The largest section a programme may ask for (SectionInputDto.maxLength); longer texts are refused on submit. */
const MAX_SECTION_TEXT = 200_000;
const MAX_SECTIONS = 50;

/**
 * Section code → text: a plain object of at most 50 codes, each text a string. Anything else (a number, a nested
 * object, an array) would reach the rules as a non-string and fail there as a 500.
 */
function IsSectionTexts() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isSectionTexts',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be an object of at most ${MAX_SECTIONS} section codes (letters, digits, dashes) to texts of at most ${MAX_SECTION_TEXT} characters`,
      },
      validator: {
        validate(value: unknown) {
          if (!value || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype)
            return false;
          const entries = Object.entries(value);
          return (
            entries.length <= MAX_SECTIONS &&
            entries.every(([code, text]) => SECTION_CODE.test(code) && typeof text === 'string' && [...text].length <= MAX_SECTION_TEXT)
          );
        },
      },
    });
}

export class BudgetLineInputDto {
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  /** A cost category code of the programme, e.g. joint-rnd. */
  @Matches(/^[a-z0-9][a-z0-9-]{0,31}$/i, { message: 'category must be a cost category code' })
  category: string;

  @IsIn(BUDGET_SOURCES)
  source: BudgetSource;

  /** Kopecks, integer or integer string. */
  @IsKopecks()
  amountKopecks: string;
}

/** The working copy of a bid; every field optional, lists and maps replaced whole. Rules are checked on submit. */
export class SubmissionDraftDto {
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  title?: string;

  @IsOptionalNotNull()
  @IsString()
  @MaxLength(5000)
  summary?: string;

  /** Section code → text, for the sections the programme asks for. */
  @IsOptionalNotNull()
  @IsSectionTexts()
  sections?: Record<string, string>;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BudgetLineInputDto)
  budgetLines?: BudgetLineInputDto[];

  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  contactName?: string;

  /** An e-mail address, or "" to clear it (null is refused: the column always holds a value). */
  @ValidateIf((_object, value) => value !== undefined && value !== '')
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @IsOptionalNotNull()
  @Matches(/^[+\d() -]{0,30}$/, { message: 'contactPhone may hold digits, spaces, +, ( ) and - only' })
  contactPhone?: string;
}

export class AttachmentQueryDto {
  /** Which document of the programme this file is (an attachment kind code). */
  @Matches(/^[a-z0-9][a-z0-9-]{0,31}$/i, { message: 'kind must be an attachment kind code of the programme' })
  kind: string;

  /** The file's name as the applicant knows it (kept for display; never used as a path). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fileName?: string;
}

export class EligibilityItemResultDto {
  @Matches(/^[a-z0-9][a-z0-9-]{0,31}$/i, { message: 'code must be a checklist item code' })
  code: string;

  @IsBoolean()
  passed: boolean;

  /** Required when the item fails: the reason the applicant will read. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class EligibilityDecisionDto {
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EligibilityItemResultDto)
  results: EligibilityItemResultDto[];
}
