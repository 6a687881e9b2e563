import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { TransactionRunner } from '../common/database/transaction';
import { currentRequestId } from '../common/http/request-context';
import { budgetTotals, canonicalContent, submitErrors } from './submission.rules';
import { SubmissionVersionEntity } from './submission-parts.entity';
import { deadlinePassed, rulesFailed, wrongStatus } from './submissions.errors';
import { SubmissionsRepository } from './submissions.repository';
import { BidContext, bidContent, SubmissionsService } from './submissions.service';

/**
 * Submit, resubmit and withdraw: the operations the deadline, the caps and the registration numbers hang on.
 * Each runs in one transaction; the cluster's bids are serialised by an advisory lock, the deadline is judged by
 * the database clock in the final statement, and the programme's counter is held only from that statement to
 * commit.
 */
@Injectable()
export class SubmitService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly bids: SubmissionsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** What a submit now would answer, without submitting (for the form to show every problem at its field). */
  check(actor: Actor, id: string) {
    return this.transactions.run(async (tx) => {
      const context = await this.bids.loadForChange(tx, actor, id, 'checked');
      return this.problems(tx, context);
    });
  }

  submit(actor: Actor, id: string): Promise<{ version: SubmissionVersionEntity; context: BidContext }> {
    return this.transactions.run(async (tx) => {
      const context = await this.bids.loadForChange(tx, actor, id, 'submitted');
      const { submission, programme } = context;
      await this.submissions.lockCluster(tx, programme.id, submission.clusterId);
      const problems = await this.problems(tx, context);
      if (problems.length) throw rulesFailed(problems);

      const content = bidContent(context);
      const canonical = canonicalContent(programme.code, submission.clusterId, content);
      const totals = budgetTotals(content.budgetLines);
      const version = submission.currentVersion + 1;
      const frozen = await this.submissions.recordSubmission(tx, {
        submissionId: id,
        programmeId: programme.id,
        programmeCode: programme.code,
        existingNumber: submission.registrationNumber,
        version,
        deadline: context.deadline,
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
      // The clock passed the deadline between the checks and the decisive statement: nothing was written.
      if (!frozen) throw deadlinePassed(context.deadline, context.cluster.timeZone);
      return { version: frozen, context };
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

  private async problems(tx: Parameters<SubmissionsRepository['clock']>[0], context: BidContext) {
    const { submission, programme } = context;
    const others = await this.submissions.clusterOtherActiveBids(tx, programme.id, submission.clusterId, submission.id);
    return submitErrors(bidContent(context), {
      rules: context.rules,
      now: await this.submissions.clock(tx),
      opensAt: programme.opensAt!,
      deadline: context.deadline,
      clusterOtherFederalKopecks: others.federalKopecks,
      clusterOtherActiveBids: others.bids,
    });
  }
}
