import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileAppealDto } from '../../appeals/dto/appeal.dto';
import { AppealsService } from '../../appeals/appeals.service';
import { type Actor, CurrentActor, Roles } from '../../common/access/access.decorators';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { createValidationPipe } from '../../common/errors/validation';
import { downloadHeaders } from '../../common/http/download';
import { DecisionsService } from '../../decisions/decisions.service';
import { AttachmentsService } from '../../submissions/attachments.service';
import { ReceiptsService } from '../../submissions/receipts.service';
import { SubmitService } from '../../submissions/submit.service';
import { TokenOnlyForm } from '../account/sign-in.form';
import { PageContextFactory, type PageRequest } from '../page-context';
import { redirectAfterPost, sendPage } from '../respond';
import { assertCsrf } from '../session/csrf';
import { WebExceptionFilter } from '../web-exception.filter';
import { BidPageLoader, pageId } from './bid-page.loader';
import { refusalText } from './refusals';
import { bidRecordPage } from './views/bid-record.view';
import { receiptPage, withdrawPage } from './views/receipt.view';

/** The appeal form as posted; its length rule is the API's (FileAppealDto), checked in the handler to answer on the page. */
export class AppealForm extends TokenOnlyForm {
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  grounds?: string;
}

const language = (value: string): 'ru' | 'en' => {
  if (value !== 'ru' && value !== 'en') throw notFound('Language', value.slice(0, 10));
  return value;
};

const versionNumber = (value: string): number => {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw notFound('Version', value.slice(0, 10));
  return Number(value);
};

/**
 * What hangs off a bid's page: receipts (page and PDF), withdrawal with its confirmation step, the appeal, and the
 * PDFs a session may download (the API's downloads take Bearer tokens only). Same services as the API.
 */
@ApiExcludeController()
@Controller('bids/:bid')
@UseFilters(WebExceptionFilter)
export class BidDocumentsController {
  constructor(
    private readonly pages: PageContextFactory,
    private readonly loader: BidPageLoader,
    private readonly submitting: SubmitService,
    private readonly receipts: ReceiptsService,
    private readonly attachments: AttachmentsService,
    private readonly decisions: DecisionsService,
    private readonly appeals: AppealsService,
  ) {}

  @Get('receipts/:version')
  @Roles('applicant')
  async receipt(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('bid') bidParam: string,
    @Param('version') versionParam: string,
  ) {
    const id = pageId(bidParam, 'Submission');
    const { version } = await this.receipts.version(actor, id, versionNumber(versionParam));
    const context = await this.pages.create(request, response, 'bids');
    sendPage(response, receiptPage(context, await this.loader.load(actor, id), version));
  }

  @Get('receipts/:version/pdf/:language')
  @Roles('applicant')
  async receiptPdf(
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('bid') bidParam: string,
    @Param('version') versionParam: string,
    @Param('language') languageParam: string,
  ) {
    const { fileName, pdf } = await this.receipts.pdf(
      actor,
      pageId(bidParam, 'Submission'),
      versionNumber(versionParam),
      language(languageParam),
    );
    downloadHeaders(response, fileName, 'application/pdf');
    response.send(pdf);
  }

  /** The bid's current decision letter, once issued. */
  @Get('decision/:language')
  @Roles('applicant')
  async decision(
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('bid') bidParam: string,
    @Param('language') languageParam: string,
  ) {
    const { decision, file } = await this.decisions.letterFor(actor, pageId(bidParam, 'Submission'), language(languageParam));
    downloadHeaders(response, `decision-${decision.registrationNumber}-${decision.language}.pdf`, 'application/pdf');
    response.setHeader('X-Content-SHA256', decision.sha256);
    await this.stream(file, response);
  }

  @Get('attachments/:attachment')
  @Roles('applicant')
  async attachment(
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('bid') bidParam: string,
    @Param('attachment') fileParam: string,
  ) {
    const { attachment, stream } = await this.attachments.download(actor, pageId(bidParam, 'Submission'), pageId(fileParam, 'Attachment'));
    downloadHeaders(response, attachment.fileName, 'application/pdf');
    response.setHeader('X-Content-SHA256', attachment.sha256);
    response.setHeader('Content-Length', String(attachment.sizeBytes));
    await this.stream(stream, response);
  }

  /** The confirmation step; a bid that cannot be withdrawn now just shows its page. */
  @Get('withdraw')
  @Roles('applicant')
  async confirmWithdrawal(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('bid') bidParam: string,
  ) {
    const id = pageId(bidParam, 'Submission');
    const data = await this.loader.load(actor, id);
    if (!data.editable || data.bid.submission.status !== 'submitted') return response.redirect(303, `/bids/${id}`);
    const context = await this.pages.create(request, response, 'bids');
    sendPage(response, withdrawPage(context, data, null));
  }

  @Post('withdraw')
  @Roles('applicant')
  async withdraw(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('bid') bidParam: string,
    @Body() form: TokenOnlyForm,
  ) {
    assertCsrf(request, form._csrf);
    const id = pageId(bidParam, 'Submission');
    try {
      await this.submitting.withdraw(actor, id);
      redirectAfterPost(response, `/bids/${id}?done=withdrawn`);
    } catch (error) {
      const context = await this.pages.create(request, response, 'bids');
      const refusal = refusalText(error, context.t);
      if (!refusal) throw error;
      sendPage(response, withdrawPage(context, await this.loader.load(actor, id), refusal), 409);
    }
  }

  /** Files the appeal (AppealsService judges the window by the database clock); problems show at the form. */
  @Post('appeal')
  @Roles('applicant')
  async appeal(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('bid') bidParam: string,
    @Body() form: AppealForm,
  ) {
    assertCsrf(request, form._csrf);
    const id = pageId(bidParam, 'Submission');
    const grounds = (form.grounds ?? '').replace(/\r\n?/g, '\n');
    const context = await this.pages.create(request, response, 'bids');
    const again = async (problem: string | null, refusal: string | null, status: number) => {
      const page = bidRecordPage(context, await this.loader.load(actor, id), { notice: null, refusal, appeal: { grounds, problem } });
      sendPage(response, page, status);
    };
    let valid: FileAppealDto;
    try {
      valid = (await createValidationPipe().transform({ grounds }, { type: 'body', metatype: FileAppealDto, data: '' })) as FileAppealDto;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return again(context.t.applicant.problem.appealLength, null, 400);
    }
    try {
      await this.appeals.file(actor, id, valid.grounds);
      redirectAfterPost(response, `/bids/${id}?done=appealSent#appeal`);
    } catch (error) {
      const refusal = refusalText(error, context.t);
      if (!refusal) throw error;
      await again(null, refusal, 409);
    }
  }

  /** A stored file to the response; a file missing from storage ends the response instead of hanging it. */
  private async stream(file: Readable, response: Response) {
    try {
      await pipeline(file, response);
    } catch (error) {
      if (!response.headersSent) throw error;
      response.destroy();
    }
  }
}
