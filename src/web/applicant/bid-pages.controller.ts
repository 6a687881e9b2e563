import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClustersService } from '../../clusters/clusters.service';
import { type Actor, CurrentActor, Roles } from '../../common/access/access.decorators';
import { CommonErrorCode, DomainError, type ErrorDetail } from '../../common/errors/domain-error';
import { ProgrammesService } from '../../programmes/programmes.service';
import { AttachmentsService } from '../../submissions/attachments.service';
import { SubmissionErrorCode } from '../../submissions/submissions.errors';
import { SubmissionsService } from '../../submissions/submissions.service';
import { SubmitService } from '../../submissions/submit.service';
import { TokenOnlyForm } from '../account/sign-in.form';
import { type PageContext, PageContextFactory, type PageRequest } from '../page-context';
import { redirectAfterPost, sendPage } from '../respond';
import { assertCsrf } from '../session/csrf';
import { WebExceptionFilter } from '../web-exception.filter';
import { blankRow, type BidFormInput, draftFromForm, formFromBid, formFromFields, MAX_BUDGET_ROWS, toFormRows } from './bid-form';
import { BidPageLoader, pageId } from './bid-page.loader';
import { showProblems } from './bid-problems';
import { type ChosenFile, readForm } from './multipart';
import { editorAction, noticeOf, refusalText } from './refusals';
import { bidEditorPage, type BidNotice } from './views/bid-editor.view';
import { bidRecordPage } from './views/bid-record.view';
import { myBidsPage, startRefusedPage } from './views/my-bids.view';

const MY_BIDS_PAGE_SIZE = 50;
/** A cluster takes part in a handful of calls a year: the open ones fit on one page. */
const OPEN_PROGRAMMES_SHOWN = 50;
/** A cluster's bids in one programme: a handful at most. */
const EXISTING_BIDS_LOOKED_AT = 50;

/** What the editor shows besides the stored bid: the form as typed, its problems, a notice or a refusal. */
interface EditorView {
  form?: BidFormInput;
  problems?: ErrorDetail[];
  notice?: BidNotice | null;
  checkPassed?: boolean;
  refusal?: string | null;
}

/**
 * The applicant's bids: the list, starting a bid, and the bid page — the editor while the bid may change, the
 * record (with the outcome, decision and appeal) after. Every change goes through the API's services, which judge
 * the rules, the deadline and the access (another cluster's bid is a 404).
 */
@ApiExcludeController()
@Controller()
@UseFilters(WebExceptionFilter)
export class BidPagesController {
  constructor(
    private readonly pages: PageContextFactory,
    private readonly loader: BidPageLoader,
    private readonly submissions: SubmissionsService,
    private readonly submitting: SubmitService,
    private readonly attachments: AttachmentsService,
    private readonly programmes: ProgrammesService,
    private readonly clusters: ClustersService,
  ) {}

  @Get('bids')
  @Roles('applicant')
  async myBids(@Req() request: PageRequest, @Res() response: Response, @CurrentActor() actor: Actor, @Query('page') pageParam?: string) {
    const context = await this.pages.create(request, response, 'bids');
    const page = typeof pageParam === 'string' && /^[1-9]\d{0,4}$/.test(pageParam) ? Number(pageParam) : 1;
    const { items, total } = await this.submissions.listOfCluster(actor, { page, pageSize: MY_BIDS_PAGE_SIZE });
    const cluster = actor.clusterId ? await this.clusters.get(actor, actor.clusterId) : null;
    const open = cluster ? (await this.programmes.list(actor, { page: 1, pageSize: OPEN_PROGRAMMES_SHOWN, status: 'open' })).items : [];
    const clusterName = cluster && (context.language === 'en' ? cluster.nameEn : cluster.nameRu);
    sendPage(response, myBidsPage(context, { clusterName, bids: items, total, page, pageSize: MY_BIDS_PAGE_SIZE, open, now: new Date() }));
  }

  /**
   * Starts a bid in an open programme. A cluster that already has its bid there is taken to it instead of getting a
   * second one it could not submit: its draft, or — where the programme takes one active bid per cluster — its
   * submitted or withdrawn bid (the service still judges every rule on submit).
   */
  @Post('programmes/:programme/bids')
  @Roles('applicant')
  async start(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentActor() actor: Actor,
    @Param('programme') programmeParam: string,
    @Body() form: TokenOnlyForm,
  ) {
    assertCsrf(request, form._csrf);
    const programmeId = pageId(programmeParam, 'Programme');
    try {
      const { rules } = await this.programmes.get(actor, programmeId);
      const { items } = await this.submissions.list(actor, programmeId, { page: 1, pageSize: EXISTING_BIDS_LOOKED_AT });
      const reopened = rules.singleActiveBid ? ['draft', 'submitted', 'withdrawn'] : ['draft'];
      const bid = items.find((b) => reopened.includes(b.status)) ?? (await this.submissions.create(actor, programmeId, {}));
      redirectAfterPost(response, `/bids/${bid.id}`);
    } catch (error) {
      const context = await this.pages.create(request, response, 'bids');
      const reason = refusalText(error, context.t);
      if (!reason) throw error;
      sendPage(response, startRefusedPage(context, reason, programmeId), 409);
    }
  }

  /** The bid: its editor while it may change (with every failed rule after "check"), its record after. */
  @Get('bids/:bid')
  @Roles('applicant')
  async bid(@Req() request: PageRequest, @Res() response: Response, @CurrentActor() actor: Actor, @Param('bid') bidParam: string) {
    const id = pageId(bidParam, 'Submission');
    const context = await this.pages.create(request, response, 'bids');
    const notice = noticeOf(request.query.done);
    let problems: ErrorDetail[] = [];
    let refusal: string | null = null;
    const checking = request.query.check === '1';
    if (checking) {
      try {
        problems = await this.submitting.check(actor, id);
      } catch (error) {
        refusal = refusalText(error, context.t);
        if (!refusal) throw error;
      }
    }
    await this.render(response, context, actor, id, { problems, notice, refusal, checkPassed: checking && !refusal });
  }

  /**
   * The editor's one form (multipart, so the chosen PDFs come along): add or remove a budget row (shown again, not
   * saved), or save — then check, submit, upload or remove a file. Files stream into AttachmentsService as they
   * arrive, exactly as the API's upload does.
   */
  @Post('bids/:bid')
  @Roles('applicant')
  async change(@Req() request: PageRequest, @Res() response: Response, @CurrentActor() actor: Actor, @Param('bid') bidParam: string) {
    const id = pageId(bidParam, 'Submission');
    const { rules } = await this.submissions.get(actor, id); // 404 for another cluster's bid, before the body is read
    const context = await this.pages.create(request, response, 'bids');
    const uploads = { done: 0, problems: [] as ErrorDetail[] };
    const fields = await readForm(request, {
      checkCsrf: (token) => assertCsrf(request, token),
      onFile: (file) => this.upload(context, actor, id, file, uploads),
    });
    const action = editorAction(fields.get('action')?.[0]);
    const form = formFromFields(fields, rules);
    if (action.kind === 'add-row' || action.kind === 'remove-row') {
      if (action.kind === 'remove-row') form.rows.splice(action.row, 1);
      if ((action.kind === 'add-row' && form.rows.length < MAX_BUDGET_ROWS) || form.rows.length === 0)
        form.rows.push(blankRow(rules, form.rows.at(-1)));
      return this.render(response, context, actor, id, { form, problems: uploads.problems });
    }
    const { draft, problems, rowOfLine } = await draftFromForm(form);
    if (!draft) return this.render(response, context, actor, id, { form, problems: [...problems, ...uploads.problems] }, 400);
    try {
      await this.submissions.update(actor, id, draft);
      if (action.kind === 'remove-attachment') await this.attachments.remove(actor, id, action.attachmentId);
    } catch (error) {
      if (error instanceof DomainError && error.code === CommonErrorCode.VALIDATION_FAILED) {
        return this.render(response, context, actor, id, { form, problems: toFormRows(error.details ?? [], rowOfLine) }, 400);
      }
      return this.refused(response, context, actor, id, error);
    }
    if (uploads.problems.length > 0) return this.render(response, context, actor, id, { problems: uploads.problems }, 422);
    if (action.kind === 'check') return redirectAfterPost(response, `/bids/${id}?check=1`);
    if (action.kind === 'submit') return this.submit(response, context, actor, id);
    const done = action.kind === 'remove-attachment' ? 'fileRemoved' : uploads.done > 0 ? 'uploaded' : 'saved';
    redirectAfterPost(response, `/bids/${id}?done=${done}${done === 'saved' ? '' : '#attachments'}`);
  }

  private async submit(response: Response, context: PageContext, actor: Actor, id: string) {
    try {
      const { version } = await this.submitting.submit(actor, id);
      redirectAfterPost(response, `/bids/${id}/receipts/${version.version}`);
    } catch (error) {
      if (error instanceof DomainError && error.code === SubmissionErrorCode.RULES_FAILED) {
        return this.render(response, context, actor, id, { problems: error.details ?? [] }, 422);
      }
      return this.refused(response, context, actor, id, error);
    }
  }

  /** One chosen PDF into AttachmentsService (the API's streaming path); what it refuses is shown at the file's input. */
  private async upload(
    context: PageContext,
    actor: Actor,
    id: string,
    file: ChosenFile,
    uploads: { done: number; problems: ErrorDetail[] },
  ) {
    const kind = /^file-([a-z0-9][a-z0-9-]{0,31})$/i.exec(file.field)?.[1];
    if (!kind) return void file.stream.resume();
    try {
      await this.attachments.upload(actor, id, kind, file.fileName, file.mimeType, file.stream);
      uploads.done++;
    } catch (error) {
      file.stream.resume();
      if (!(error instanceof DomainError)) throw error;
      const refusal = refusalText(error, context.t);
      const detail = error.details?.[0];
      uploads.problems.push(
        refusal
          ? { field: 'programme', rule: 'refused', message: refusal }
          : { field: `attachments.${kind}`, rule: detail?.rule ?? 'upload', message: detail?.message ?? error.message },
      );
    }
  }

  /** The whole action was refused: the bid page as it now stands (read-only if the deadline passed), saying why. */
  private async refused(response: Response, context: PageContext, actor: Actor, id: string, error: unknown) {
    const refusal = refusalText(error, context.t);
    if (!refusal) throw error;
    await this.render(response, context, actor, id, { refusal }, 409);
  }

  /** The bid page: the editor (the form as typed, or as stored) while the bid may change, else the record. */
  private async render(response: Response, context: PageContext, actor: Actor, id: string, view: EditorView, status = 200) {
    const data = await this.loader.load(actor, id);
    const { rules, lines } = data.bid;
    if (!data.editable) {
      const page = bidRecordPage(context, data, {
        notice: view.notice ?? null,
        refusal: view.refusal ?? null,
        appeal: { grounds: '', problem: null },
      });
      return sendPage(response, page, status);
    }
    const form = view.form ?? formFromBid(data.bid.submission, lines, rules, context.language);
    // Problems of the stored bid are judged on its lines; of a typed form, the share is quoted from what was saved.
    const problems = showProblems(view.problems ?? [], { t: context.t, language: context.language, rules, lines });
    const state = { form, problems, notice: view.notice ?? null, checkPassed: view.checkPassed ?? false, refusal: view.refusal ?? null };
    sendPage(response, bidEditorPage(context, data, state), status);
  }
}
