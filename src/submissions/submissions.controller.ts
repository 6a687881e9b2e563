import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { IdParam } from '../common/http/id.pipe';
import { SubmissionDraftDto } from './dto/submission-input.dto';
import {
  ReceiptDto,
  SubmissionDto,
  SubmissionPageDto,
  SubmissionSummaryDto,
  SubmitCheckDto,
  toSubmissionDto,
} from './dto/submission-output.dto';
import { SubmissionQueryDto } from './dto/submission-query.dto';
import { SubmissionsService } from './submissions.service';
import { SubmitService } from './submit.service';

@ApiTags('submissions')
@Controller()
export class SubmissionsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly submit: SubmitService,
  ) {}

  /** An applicant starts a bid of its cluster in an open programme. */
  @Post('programmes/:programmeId/submissions')
  @Roles('applicant')
  async create(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Body() body: SubmissionDraftDto,
  ): Promise<SubmissionDto> {
    const created = await this.submissions.create(actor, programmeId, body);
    return this.view(actor, created.id);
  }

  /** Bids of a programme: all of them for staff, the own cluster's for an applicant. */
  @Get('programmes/:programmeId/submissions')
  @Roles('ministry', 'auditor', 'applicant')
  async list(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Query() query: SubmissionQueryDto,
  ): Promise<SubmissionPageDto> {
    const { items, total } = await this.submissions.list(actor, programmeId, query);
    return { items: items.map((s) => SubmissionSummaryDto.from(s, s.cluster!)), total };
  }

  @Get('submissions/:id')
  @Roles('ministry', 'auditor', 'applicant')
  view(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<SubmissionDto> {
    return this.submissions.get(actor, id).then((context) => toSubmissionDto(context, context.hasUnsubmittedChanges));
  }

  /** Saves the working copy (autosave-friendly; lists and sections replaced whole). 409 after the deadline. */
  @Patch('submissions/:id')
  @Roles('applicant')
  async update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: SubmissionDraftDto): Promise<SubmissionDto> {
    await this.submissions.update(actor, id, body);
    return this.view(actor, id);
  }

  /** Runs every submit rule without submitting: what a submit now would refuse, field by field. */
  @Get('submissions/:id/check')
  @Roles('applicant')
  async check(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<SubmitCheckDto> {
    const problems = await this.submit.check(actor, id);
    return { ready: problems.length === 0, problems };
  }

  /** Submits (or resubmits) the working copy as a new version and answers the receipt. 422 lists every failed rule. */
  @Post('submissions/:id/submit')
  @Roles('applicant')
  async submitBid(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ReceiptDto> {
    const { version, clusterTimeZone } = await this.submit.submit(actor, id);
    return ReceiptDto.from(version, clusterTimeZone);
  }

  /** Takes a submitted bid out before the deadline; it may be resubmitted until then. */
  @Post('submissions/:id/withdraw')
  @Roles('applicant')
  @HttpCode(200)
  async withdraw(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<SubmissionDto> {
    await this.submit.withdraw(actor, id);
    return this.view(actor, id);
  }
}
