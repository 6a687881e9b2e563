import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { assertClusterVisible } from '../common/access/ownership';
import { TransactionRunner } from '../common/database/transaction';
import { notFound } from '../common/errors/domain-error';
import { currentRequestId } from '../common/http/request-context';
import { FrozenRulesCache } from '../programmes/frozen-rules.cache';
import type { ProgrammeRules } from '../programmes/programme.rules';
import { budgetTotals, canonicalContent, submitErrors } from './submission.rules';
import { SubmissionVersionEntity } from './submission-parts.entity';
import { changedConcurrently, deadlinePassed, programmeNotOpen, rulesFailed, wrongStatus } from './submissions.errors';
import { SubmissionsRepository } from './submissions.repository';
import { EDITABLE_STATUSES, SubmissionsService } from './submissions.service';
import { type RecordOutcome, SubmitRepository, type SubmitSnapshot } from './submit.repository';

/** Submits of one bid racing each other retry this often before the caller is told to reload. */
const MAX_ATTEMPTS = 20;

type Moment = Pick<SubmitSnapshot, 'now' | 'deadline' | 'otherActiveBids' | 'otherFederalKopecks'>;

/**
 * Submit, resubmit and withdraw: the operations the deadline, the caps and the registration numbers hang on.
 *
 * A submit is two statements, both in autocommit: one read of the whole bid (every rule is judged on it and every
 * failed rule answered at once), then the `record_submission` function, which re-checks under locks and by the
 * database clock what can change in between (deadline, the cluster's cap and single bid, a concurrent submit, a
 * rule amendment) and writes the bid, its frozen version, the registration number and the audit row. The
 * programme's counter is locked only inside that function, never across a round trip — that is what lets
 * submits of many clusters pass the counter at full speed near the deadline.
 */
@Injectable()
export class SubmitService {
  constructor(
    private readonly submitting: SubmitRepository,
    private readonly submissions: SubmissionsRepository,
    private readonly bids: SubmissionsService,
    private readonly rulesCache: FrozenRulesCache,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** What a submit now would answer, without submitting (for the form to show every problem at its field). */
  async check(actor: Actor, id: string) {
    const { snapshot, rules } = await this.readForChange(actor, id, 'checked');
    return submitErrors(snapshot.content, this.submitContext(snapshot, rules, snapshot));
  }

  async submit(actor: Actor, id: string): Promise<{ version: SubmissionVersionEntity; clusterTimeZone: string }> {
    // A concurrent submit of the same bid (a double click) makes the record step answer 'changed': read again and
    // record the next version, as a lock held across the whole submit would have, without holding one.
    for (let attempt = 1; ; attempt++) {
      const { snapshot, rules } = await this.readForChange(actor, id, 'submitted');
      const problems = submitErrors(snapshot.content, this.submitContext(snapshot, rules, snapshot));
      if (problems.length) throw rulesFailed(problems);
      const recorded = await this.record(actor, snapshot);
      if (recorded.outcome === 'submitted') return { version: recorded.version, clusterTimeZone: snapshot.clusterTimeZone };
      if (recorded.outcome !== 'changed' || attempt === MAX_ATTEMPTS) throw await this.refusal(actor, snapshot, rules, recorded);
    }
  }

  private record(actor: Actor, { submission, programme, content }: SubmitSnapshot) {
    const canonical = canonicalContent(programme.code, submission.clusterId, content);
    const totals = budgetTotals(content.budgetLines);
    return this.submitting.record({
      submissionId: submission.id,
      version: submission.currentVersion + 1,
      rulesVersion: programme.rulesVersion,
      actorId: actor.userId,
      actorRole: actor.role,
      requestId: currentRequestId(),
      content: canonical.content,
      contentSha256: canonical.sha256,
      federal: totals.federal,
      regional: totals.regional,
      extraBudgetary: totals.extraBudgetary,
      before: { status: submission.status, currentVersion: submission.currentVersion },
    });
  }

  /** Takes the bid out of the competition before the deadline; it may be resubmitted until then. */
  withdraw(actor: Actor, id: string) {
    return this.transactions.run(async (tx) => {
      const context = await this.bids.loadForChange(tx, actor, id, 'withdrawn');
      const { submission } = context;
      if (submission.status !== 'submitted') throw wrongStatus(submission.status, 'withdrawn');
      const federalBefore = submission.submittedFederalKopecks; // read before the entity is changed below
      await this.submissions.lockCluster(tx, context.programme.id, submission.clusterId);
      const now = await this.submissions.clock(tx);
      if (now >= context.deadline) throw deadlinePassed(context.deadline, context.cluster.timeZone);
      const saved = await this.submissions.save(
        tx,
        Object.assign(submission, { status: 'withdrawn', withdrawnAt: now, submittedFederalKopecks: '0' }),
      );
      await this.audit.record(tx, actor, {
        action: 'submission.withdrawn',
        entityType: 'submission',
        entityId: id,
        before: { status: 'submitted', federalKopecks: federalBefore },
        after: { status: 'withdrawn' },
      });
      return saved;
    });
  }

  /** The bid, if the caller owns it, it is still editable and the cluster's deadline has not passed; and its rules. */
  private async readForChange(actor: Actor, id: string, action: string): Promise<{ snapshot: SubmitSnapshot; rules: ProgrammeRules }> {
    const snapshot = await this.submitting.snapshot(id);
    if (!snapshot) throw notFound('Submission', id);
    assertClusterVisible(actor, snapshot.submission.clusterId, 'Submission', id);
    const { programme, submission } = snapshot;
    if (programme.status !== 'open') throw programmeNotOpen(programme.status);
    if (!EDITABLE_STATUSES.includes(submission.status)) throw wrongStatus(submission.status, action);
    if (snapshot.now >= snapshot.deadline) throw deadlinePassed(snapshot.deadline, snapshot.clusterTimeZone);
    const rules = await this.rulesCache.get(programme.id, programme.rulesVersion);
    if (!rules) throw notFound('Submission', id);
    return { snapshot, rules };
  }

  private submitContext(snapshot: SubmitSnapshot, rules: ProgrammeRules, moment: Moment) {
    return {
      rules,
      now: moment.now,
      opensAt: snapshot.programme.opensAt,
      deadline: moment.deadline,
      clusterOtherFederalKopecks: moment.otherFederalKopecks,
      clusterOtherActiveBids: moment.otherActiveBids,
    };
  }

  /** Why the decisive statement wrote nothing, as the same errors the checks before it would have given. */
  private async refusal(
    actor: Actor,
    snapshot: SubmitSnapshot,
    rules: ProgrammeRules,
    recorded: Exclude<RecordOutcome, { outcome: 'submitted' }>,
  ) {
    const id = snapshot.submission.id;
    switch (recorded.outcome) {
      case 'deadline':
        return deadlinePassed(recorded.deadline, snapshot.clusterTimeZone);
      case 'rules': {
        const problems = submitErrors(snapshot.content, this.submitContext(snapshot, rules, recorded));
        return problems.length ? rulesFailed(problems) : changedConcurrently();
      }
      case 'wrong_status':
      case 'not_open':
        // Re-read for the status to name; the read answers the right error (or the bid changed back meanwhile).
        return this.readForChange(actor, id, 'submitted').then(
          () => changedConcurrently(),
          (error: unknown) => error,
        );
      case 'missing':
        return notFound('Submission', id);
      default:
        return changedConcurrently();
    }
  }
}
