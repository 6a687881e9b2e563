import { Type } from 'class-transformer';
import { IsHundredths } from '../../common/http/numbers';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Max, Min, ValidateNested } from 'class-validator';

export class ScoreEntryDto {
  @IsString()
  @Length(1, 32)
  criterionCode: string;

  /** On the criterion's scale and step, e.g. 3.5 on 0–5 in halves. */
  @IsHundredths()
  @Min(-99999)
  @Max(99999)
  score: number;

  /** Why this score; at least the programme's minimum length to submit (drafts may be shorter). */
  @IsString()
  @Length(0, 10000)
  justification: string;
}

export class ScoreEntriesDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ScoreEntryDto)
  scores: ScoreEntryDto[];
}
