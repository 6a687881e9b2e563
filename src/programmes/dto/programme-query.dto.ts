import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.dto';
import { PROGRAMME_STATUSES, type ProgrammeStatus } from '../programme.rules';

export class ProgrammeQueryDto extends PageQueryDto {
  /** Only programmes in this status (the public sees every status but draft). */
  @ApiPropertyOptional({ enum: PROGRAMME_STATUSES })
  @IsOptional()
  @IsIn(PROGRAMME_STATUSES)
  status?: ProgrammeStatus;
}
