import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { IdParam } from '../common/http/id.pipe';
import type { AppealRow } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { AppealDto, AppealListDto, FileAppealDto, ResolveAppealDto } from './dto/appeal.dto';

const toDto = (a: AppealRow): AppealDto => ({
  id: a.id,
  programmeId: a.programmeId,
  submissionId: a.submissionId,
  registrationNumber: a.registrationNumber,
  runId: a.runId,
  grounds: a.grounds,
  filedAt: a.filedAt.toISOString(),
  status: a.status,
  resolution: a.resolution,
  resolvedAt: a.resolvedAt?.toISOString() ?? null,
  windowClosesAt: a.windowClosesAt.toISOString(),
});

@ApiTags('appeals')
@Controller()
export class AppealsController {
  constructor(private readonly appeals: AppealsService) {}

  /** The cluster appeals its bid's published result, once, within the programme's window. */
  @Post('submissions/:submissionId/appeal')
  @Roles('applicant')
  async file(@CurrentActor() actor: Actor, @IdParam('submissionId') submissionId: string, @Body() body: FileAppealDto): Promise<AppealDto> {
    return toDto(await this.appeals.file(actor, submissionId, body.grounds));
  }

  @Get('submissions/:submissionId/appeal')
  @Roles('applicant', 'ministry', 'auditor')
  async ofSubmission(@CurrentActor() actor: Actor, @IdParam('submissionId') submissionId: string): Promise<AppealDto> {
    return toDto(await this.appeals.ofSubmission(actor, submissionId));
  }

  /** The ministry's appeals queue of a programme. */
  @Get('programmes/:programmeId/appeals')
  @Roles('ministry', 'auditor')
  async ofProgramme(@IdParam('programmeId') programmeId: string): Promise<AppealListDto> {
    const items = (await this.appeals.ofProgramme(programmeId)).map(toDto);
    return { items, total: items.length };
  }

  /** Upheld or rejected, with reasoning; final and audited. An upheld appeal may be followed by a superseding run. */
  @Post('appeals/:appealId/resolve')
  @HttpCode(200)
  @Roles('ministry')
  async resolve(@CurrentActor() actor: Actor, @IdParam('appealId') appealId: string, @Body() body: ResolveAppealDto): Promise<AppealDto> {
    return toDto(await this.appeals.resolve(actor, appealId, body.decision, body.reasoning));
  }
}
