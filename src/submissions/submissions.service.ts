import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { assertClusterVisible, isStaff } from '../common/access/ownership';
import { TransactionRunner, type Tx } from '../common/database/transaction';
import { notFound, validationFailed } from '../common/errors/domain-error';
import { PageQueryDto, pageWindow } from '../common/http/pagination.dto';
import { ClustersRepository } from '../clusters/clusters.repository';
import { ClusterEntity } from '../clusters/cluster.entity';
import { MOSCOW_TIME_ZONE } from '../common/pdf/format';
import { ExtensionsService } from '../programmes/extensions.service';
import { toRules } from '../programmes/programme.mapper';
import { PROGRAMME_STATUSES, PUBLIC_STATUSES, type ProgrammeRules } from '../programmes/programme.rules';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { SubmissionDraftDto } from './dto/submission-input.dto';
import { type BidContent, canonicalContent, duplicateBudgetLineErrors, type SubmissionStatus } from './submission.rules';
import { SubmissionEntity } from './submission.entity';
import { AttachmentEntity, BudgetLineEntity } from './submission-parts.entity';
import { deadlinePassed, noCluster, programmeNotOpen, wrongStatus } from './submissions.errors';
import { SubmissionsRepository } from './submissions.repository';

/** Everything the rules need about one bid, read together. */
export interface BidContext {
  submission: SubmissionEntity;
  programme: ProgrammeEntity;
  rules: ProgrammeRules;
  cluster: ClusterEntity;
  lines: BudgetLineEntity[];
  attachments: AttachmentEntity[];
  deadline: Date;
}

export const EDITABLE_STATUSES: SubmissionStatus[] = ['draft', 'submitted', 'withdrawn'];

export function bidContent(context: Pick<BidContext, 'submission' | 'lines' | 'attachments'>): BidContent {
  const { submission: s } = context;
  return {
    title: s.title,
    summary: s.summary,
    sections: s.sections,
    contact: { name: s.contactName, email: s.contactEmail, phone: s.contactPhone },
    budgetLines: context.lines.map(({ year, category, source, amountKopecks }) => ({ year, category, source, amountKopecks })),
    attachments: context.attachments.map(({ kind, fileName, sizeBytes, sha256 }) => ({ kind, fileName, sizeBytes, sha256 })),
  };
}

/** What the DTO cannot say about one field alone: each (year, category, source) once. */
function assertValidDraft(input: SubmissionDraftDto) {
  const errors = duplicateBudgetLineErrors(input.budgetLines ?? []);
  if (errors.length) throw validationFailed(errors);
}

const auditView = (s: SubmissionEntity) => ({
  status: s.status,
  title: s.title,
  currentVersion: s.currentVersion,
  registrationNumber: s.registrationNumber,
});

@Injectable()
export class SubmissionsService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly extensions: ExtensionsService,
    private readonly clusters: ClustersRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** An applicant starts a bid for its cluster in an open programme. */
  create(actor: Actor, programmeId: string, input: SubmissionDraftDto) {
    assertValidDraft(input);
    if (!actor.clusterId) throw noCluster();
    return this.transactions.run(async (tx) => {
      const loaded = await this.programmes.findWithRules(programmeId, tx);
      if (!loaded || !PUBLIC_STATUSES.includes(loaded.programme.status)) throw notFound('Programme', programmeId);
      if (loaded.programme.status !== 'open') throw programmeNotOpen(loaded.programme.status);
      // A bid started after the cluster's deadline could never be submitted: refuse it as any other late change.
      const deadline = await this.extensions.deadlineFor(programmeId, actor.clusterId!, loaded.programme.closesAt!, tx);
      if ((await this.submissions.clock(tx)) >= deadline) {
        const cluster = await this.clusters.findById(actor.clusterId!, tx);
        throw deadlinePassed(deadline, cluster?.timeZone ?? MOSCOW_TIME_ZONE);
      }
      const { budgetLines, ...fields } = input;
      const submission = await this.submissions.insertDraft(tx, {
        ...fields,
        programmeId,
        clusterId: actor.clusterId!,
        createdBy: actor.userId,
      });
      if (budgetLines) await this.submissions.replaceBudgetLines(tx, submission.id, budgetLines);
      await this.audit.record(tx, actor, {
        action: 'submission.created',
        entityType: 'submission',
        entityId: submission.id,
        after: auditView(submission),
      });
      return submission;
    });
  }

  /** Autosave-friendly edit of the working copy; refused once the cluster's deadline has passed. */
  update(actor: Actor, id: string, input: SubmissionDraftDto) {
    assertValidDraft(input);
    return this.transactions.run(async (tx) => {
      const context = await this.loadForChange(tx, actor, id, 'edited');
      const { budgetLines, ...fields } = input;
      const saved = await this.submissions.save(tx, Object.assign(context.submission, fields));
      if (budgetLines) await this.submissions.replaceBudgetLines(tx, id, budgetLines);
      return saved;
    });
  }

  async get(actor: Actor, id: string): Promise<BidContext & { hasUnsubmittedChanges: boolean }> {
    const submission = await this.submissions.findById(id);
    if (!submission) throw notFound('Submission', id);
    assertClusterVisible(actor, submission.clusterId, 'Submission', id);
    const context = await this.contextOf(submission);
    let hasUnsubmittedChanges = submission.currentVersion > 0;
    if (submission.currentVersion > 0) {
      const version = await this.submissions.findVersion(id, submission.currentVersion);
      const now = canonicalContent(context.programme.code, submission.clusterId, bidContent(context));
      hasUnsubmittedChanges = version?.contentSha256 !== now.sha256;
    }
    return { ...context, hasUnsubmittedChanges };
  }

  async list(
    actor: Actor,
    programmeId: string,
    query: PageQueryDto & { status?: SubmissionStatus; clusterId?: string; regionCode?: string },
  ) {
    const loaded = await this.programmes.findWithRules(programmeId);
    const visibleStatuses = isStaff(actor) ? PROGRAMME_STATUSES : PUBLIC_STATUSES;
    if (!loaded || !visibleStatuses.includes(loaded.programme.status)) throw notFound('Programme', programmeId);
    const clusterId = isStaff(actor) ? query.clusterId : actor.clusterId;
    return this.submissions.list({ programmeId, clusterId, status: query.status, regionCode: query.regionCode, ...pageWindow(query) });
  }

  /** The caller's own cluster's bids in every programme (none for a caller without a cluster). */
  listOfCluster(actor: Actor, query: PageQueryDto) {
    if (!actor.clusterId) return Promise.resolve({ items: [], total: 0 });
    return this.submissions.listOfCluster(actor.clusterId, pageWindow(query));
  }

  async versions(actor: Actor, id: string) {
    const submission = await this.submissions.findById(id);
    if (!submission) throw notFound('Submission', id);
    assertClusterVisible(actor, submission.clusterId, 'Submission', id);
    const cluster = (await this.clusters.findById(submission.clusterId))!;
    return { versions: await this.submissions.versions(id), cluster };
  }

  /**
   * Locks the bid, checks the caller owns it, that it is still editable and that the cluster's deadline (by the
   * database clock) has not passed; returns everything the rules need.
   */
  async loadForChange(tx: Tx, actor: Actor, id: string, action: string): Promise<BidContext> {
    const submission = await this.submissions.lockById(tx, id);
    if (!submission) throw notFound('Submission', id);
    assertClusterVisible(actor, submission.clusterId, 'Submission', id);
    const context = await this.contextOf(submission, tx);
    if (context.programme.status !== 'open') throw programmeNotOpen(context.programme.status);
    if (!EDITABLE_STATUSES.includes(submission.status)) throw wrongStatus(submission.status, action);
    if ((await this.submissions.clock(tx)) >= context.deadline) throw deadlinePassed(context.deadline, context.cluster.timeZone);
    return context;
  }

  async contextOf(submission: SubmissionEntity, tx?: Tx): Promise<BidContext> {
    // One after another: inside a transaction they share one connection.
    const loaded = await this.programmes.findWithRules(submission.programmeId, tx);
    const cluster = await this.clusters.findById(submission.clusterId, tx);
    const lines = await this.submissions.budgetLines(submission.id, tx);
    const attachments = await this.submissions.attachments(submission.id, tx);
    const programme = loaded!.programme;
    const deadline = await this.extensions.deadlineFor(programme.id, submission.clusterId, programme.closesAt!, tx);
    return { submission, programme, rules: toRules(loaded!), cluster: cluster!, lines, attachments, deadline };
  }
}
