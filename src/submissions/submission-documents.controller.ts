import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { IdParam, PositiveIntParam } from '../common/http/id.pipe';
import { AttachmentsService } from './attachments.service';
import { AttachmentQueryDto, EligibilityDecisionDto } from './dto/submission-input.dto';
import { AttachmentDto, EligibilityDto, ReceiptDto, ReceiptListDto } from './dto/submission-output.dto';
import { ReceiptQueryDto } from './dto/submission-query.dto';
import { EligibilityService } from './eligibility.service';
import { ExportService } from './export.service';
import { ReceiptsService } from './receipts.service';
import { SubmissionsService } from './submissions.service';
import type { SubmissionEntity } from './submission.entity';
import type { EligibilityResultEntity } from './submission-parts.entity';
import { downloadHeaders } from '../common/http/download';

const eligibilityDto = (submission: SubmissionEntity, results: EligibilityResultEntity[]): EligibilityDto => ({
  submissionId: submission.id,
  status: submission.status,
  checkedAt: submission.eligibilityCheckedAt?.toISOString() ?? null,
  results: results.map((r) => ({ code: r.itemCode, passed: r.passed, reason: r.reason, checkedAt: r.checkedAt.toISOString() })),
});

@ApiTags('submissions')
@Controller()
export class SubmissionDocumentsController {
  constructor(
    private readonly submissions: SubmissionsService,
    private readonly attachments: AttachmentsService,
    private readonly receipts: ReceiptsService,
    private readonly eligibility: EligibilityService,
    private readonly exports: ExportService,
  ) {}

  /** Every submitted version with its receipt data; the last one before the deadline counts. */
  @Get('submissions/:id/versions')
  @Roles('ministry', 'auditor', 'applicant')
  async versions(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ReceiptListDto> {
    const { versions, cluster } = await this.submissions.versions(actor, id);
    return { items: versions.map((v) => ReceiptDto.from(v, cluster.timeZone)), total: versions.length };
  }

  @Get('submissions/:id/versions/:version/receipt')
  @Roles('ministry', 'auditor', 'applicant')
  async receipt(@CurrentActor() actor: Actor, @IdParam() id: string, @PositiveIntParam('version') version: number): Promise<ReceiptDto> {
    const found = await this.receipts.version(actor, id, version);
    return ReceiptDto.from(found.version, found.cluster.timeZone);
  }

  /** The receipt as a PDF (Russian by default, `?lang=en` for English). */
  @Get('submissions/:id/versions/:version/receipt.pdf')
  @Roles('ministry', 'auditor', 'applicant')
  async receiptPdf(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @PositiveIntParam('version') version: number,
    @Query() query: ReceiptQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { fileName, pdf } = await this.receipts.pdf(actor, id, version, query.lang ?? 'ru');
    downloadHeaders(response, fileName, 'application/pdf');
    return new StreamableFile(pdf);
  }

  /** Uploads a PDF as the raw request body (Content-Type: application/pdf), streamed to storage; replaces the same kind. */
  @Post('submissions/:id/attachments')
  @Roles('applicant')
  async upload(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: AttachmentQueryDto,
    @Req() request: Request,
  ): Promise<AttachmentDto> {
    const attachment = await this.attachments.upload(actor, id, query.kind, query.fileName, request.header('content-type'), request);
    return AttachmentDto.from(attachment);
  }

  @Get('submissions/:id/attachments/:attachmentId')
  @Roles('ministry', 'auditor', 'applicant')
  async download(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('attachmentId') attachmentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { attachment, stream } = await this.attachments.download(actor, id, attachmentId);
    downloadHeaders(response, attachment.fileName, 'application/pdf');
    response.setHeader('X-Content-SHA256', attachment.sha256);
    return new StreamableFile(stream, { length: attachment.sizeBytes });
  }

  @Delete('submissions/:id/attachments/:attachmentId')
  @Roles('applicant')
  @HttpCode(204)
  async removeAttachment(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('attachmentId') attachmentId: string,
  ): Promise<void> {
    await this.attachments.remove(actor, id, attachmentId);
  }

  /** Ministry's eligibility decision after the close: every checklist item pass/fail, a reason for each failure. */
  @Put('submissions/:id/eligibility')
  @Roles('ministry')
  async decideEligibility(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: EligibilityDecisionDto,
  ): Promise<EligibilityDto> {
    const { submission, results } = await this.eligibility.decide(actor, id, body);
    return eligibilityDto(submission, results);
  }

  @Get('submissions/:id/eligibility')
  @Roles('ministry', 'auditor', 'applicant')
  async eligibilityResults(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<EligibilityDto> {
    const { submission, results } = await this.eligibility.results(actor, id);
    return eligibilityDto(submission, results);
  }

  /** All bids past the draft stage with their budget lines, one row per line (semicolon-separated, UTF-8). */
  @Get('programmes/:programmeId/submissions/export.csv')
  @Roles('ministry', 'auditor')
  async exportCsv(@IdParam('programmeId') programmeId: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const { fileName, csv } = await this.exports.csv(programmeId);
    downloadHeaders(response, fileName, 'text/csv; charset=utf-8');
    return csv;
  }

  /** Bids, budget lines and per-year / per-category totals as an Excel workbook (amounts in roubles as numbers). */
  @Get('programmes/:programmeId/submissions/export.xlsx')
  @Roles('ministry', 'auditor')
  async exportXlsx(@IdParam('programmeId') programmeId: string, @Res() response: Response): Promise<void> {
    const { fileName, write } = await this.exports.xlsx(programmeId, response);
    downloadHeaders(response, fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await write();
  }
}
