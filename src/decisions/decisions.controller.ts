import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Public, Roles } from '../common/access/access.decorators';
import { notFound } from '../common/errors/domain-error';
import { downloadHeaders } from '../common/http/download';
import { IdParam } from '../common/http/id.pipe';
import { DecisionsService, type IssueProgress } from './decisions.service';
import type { DecisionRow } from './decisions.repository';
import { IssueListDto, IssueProgressDto, LanguageQueryDto, RetryDto, VerificationDto } from './dto/decision.dto';

const progressDto = (p: IssueProgress): IssueProgressDto => ({
  ...p,
  startedAt: p.startedAt.toISOString(),
  finishedAt: p.finishedAt?.toISOString() ?? null,
});

const CODE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

@ApiTags('decisions')
@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  /** Issues decision letters (per bid, ru and en) and the protocol for the published run, as a background job. */
  @Post('programmes/:programmeId/decisions/issues')
  @Roles('ministry')
  async issue(@CurrentActor() actor: Actor, @IdParam('programmeId') programmeId: string): Promise<IssueProgressDto> {
    return progressDto(await this.decisions.issue(actor, programmeId));
  }

  @Get('programmes/:programmeId/decisions/issues')
  @Roles('ministry', 'auditor')
  async issues(@IdParam('programmeId') programmeId: string): Promise<IssueListDto> {
    const items = (await this.decisions.issues(programmeId)).map(progressDto);
    return { items, total: items.length };
  }

  /** Progress: done / total, rate and estimated time left. */
  @Get('programmes/:programmeId/decisions/issues/:issueId')
  @Roles('ministry', 'auditor')
  async progress(@IdParam('programmeId') programmeId: string, @IdParam('issueId') issueId: string): Promise<IssueProgressDto> {
    const progress = await this.decisions.progress(programmeId, issueId);
    if (!progress) throw notFound('Decision issue', issueId);
    return progressDto(progress);
  }

  /** Re-queues what the issue still lacks, or one bid's letters. */
  @Post('programmes/:programmeId/decisions/issues/:issueId/retry')
  @HttpCode(200)
  @Roles('ministry')
  async retry(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @IdParam('issueId') issueId: string,
    @Body() body: RetryDto,
  ): Promise<IssueProgressDto> {
    return progressDto(await this.decisions.retry(actor, programmeId, issueId, body.submissionId));
  }

  /** The bid's current decision letter, for its cluster and ministry staff. */
  @Get('submissions/:submissionId/decision.pdf')
  @Roles('applicant', 'ministry', 'auditor')
  async letter(
    @CurrentActor() actor: Actor,
    @IdParam('submissionId') submissionId: string,
    @Query() query: LanguageQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const { decision, file } = await this.decisions.letterFor(actor, submissionId, query.lang ?? 'ru');
    downloadHeaders(response, `decision-${decision.registrationNumber}-${decision.language}.pdf`, 'application/pdf');
    response.setHeader('X-Content-SHA256', decision.sha256);
    file.pipe(response);
  }

  /** The programme's protocol (commission, method, ranking, amounts); public once issued. */
  @Get('programmes/:programmeId/protocol')
  @Public()
  async protocol(@IdParam('programmeId') programmeId: string, @Query() query: LanguageQueryDto, @Res() response: Response): Promise<void> {
    const { decision, file } = await this.decisions.protocolOf(programmeId, query.lang ?? 'ru');
    downloadHeaders(response, `protocol-${decision.programmeCode}-${decision.language}.pdf`, 'application/pdf');
    response.setHeader('X-Content-SHA256', decision.sha256);
    file.pipe(response);
  }

  /** What the document with this code says — programme, bid, outcome, amount, sha256 — and whether it still stands. */
  @Get('verify/:code')
  @Public()
  async verify(@Param('code') code: string): Promise<VerificationDto> {
    const normalised = code.trim().toUpperCase();
    if (!CODE.test(normalised)) throw notFound('Decision', code.slice(0, 20));
    return verificationDto(await this.decisions.verify(normalised));
  }
}

export function verificationDto(d: DecisionRow): VerificationDto {
  return {
    code: d.verificationCode,
    kind: d.kind,
    language: d.language,
    status: d.status,
    programme: { code: d.programmeCode, titleRu: d.programmeTitleRu, titleEn: d.programmeTitleEn },
    runNumber: d.runNumber,
    registrationNumber: d.registrationNumber,
    cluster: d.clusterNameRu ? { ru: d.clusterNameRu, en: d.clusterNameEn! } : null,
    outcome: d.outcome,
    fundedKopecks: d.fundedFederalKopecks?.toString() ?? null,
    sha256: d.sha256,
    sizeBytes: d.sizeBytes,
    issuedAt: d.issuedAt.toISOString(),
    supersededAt: d.supersededAt?.toISOString() ?? null,
    supersededByCode: d.supersededByCode,
  };
}
