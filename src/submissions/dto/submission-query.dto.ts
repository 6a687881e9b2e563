import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { RUSSIAN_REGIONS } from '../../clusters/russian-ids';
import { PageQueryDto } from '../../common/http/pagination.dto';
import { SUBMISSION_STATUSES, type SubmissionStatus } from '../submission.rules';

export class SubmissionQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(SUBMISSION_STATUSES)
  status?: SubmissionStatus;

  /** Staff only; an applicant always sees its own cluster's bids. */
  @IsOptional()
  @IsUUID()
  clusterId?: string;

  @IsOptional()
  @IsIn(RUSSIAN_REGIONS)
  regionCode?: string;
}

export class ReceiptQueryDto {
  /** Language of the PDF: ru (default) or en. */
  @IsOptional()
  @IsIn(['ru', 'en'])
  lang?: 'ru' | 'en';
}
