import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { assertClusterVisible } from '../common/access/ownership';
import { isUniqueViolation } from '../common/database/pg-errors';
import { TransactionRunner } from '../common/database/transaction';
import { notFound } from '../common/errors/domain-error';
import { alreadyFiled, alreadyResolved, resultsNotPublished, windowClosed } from './appeals.errors';
import { type AppealRow, AppealsRepository } from './appeals.repository';

/**
 * Appeals against published results: one per bid, filed by its cluster within the programme's window (counted from
 * the first publication, judged by the database clock at the insert), resolved once by ministry staff. An upheld
 * appeal leads, if staff so decide, to a superseding allocation run published with the same guarantees.
 */
@Injectable()
export class AppealsService {
  constructor(
    private readonly repository: AppealsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  async file(actor: Actor, submissionId: string, grounds: string): Promise<AppealRow> {
    const bid = await this.repository.appealable(submissionId);
    if (!bid || actor.role !== 'applicant') throw notFound('Submission', submissionId);
    assertClusterVisible(actor, bid.clusterId, 'Submission', submissionId);
    if (!bid.runId || !bid.closesAt) throw resultsNotPublished();
    if (!bid.open) throw windowClosed(bid.closesAt);
    const runId = bid.runId;
    try {
      const id = await this.transactions.run(async (tx) => {
        const inserted = await this.repository.insert(tx, {
          programmeId: bid.programmeId,
          submissionId,
          runId,
          filedBy: actor.userId,
          grounds,
        });
        if (!inserted) return null;
        await this.audit.record(tx, actor, {
          action: 'appeal.filed',
          entityType: 'appeal',
          entityId: inserted,
          before: null,
          after: { submissionId, runId, grounds },
        });
        return inserted;
      });
      if (!id) throw windowClosed(bid.closesAt);
      return (await this.repository.find(id))!;
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyFiled();
      throw error;
    }
  }

  async ofSubmission(actor: Actor, submissionId: string): Promise<AppealRow> {
    const appeal = await this.repository.ofSubmission(submissionId);
    if (!appeal) throw notFound('Appeal of submission', submissionId);
    assertClusterVisible(actor, appeal.clusterId, 'Appeal of submission', submissionId);
    return appeal;
  }

  /** When the bid's appeal window closes and whether it is open now (database clock); null before any publication. */
  async window(actor: Actor, submissionId: string): Promise<{ closesAt: Date; open: boolean } | null> {
    const bid = await this.repository.appealable(submissionId);
    if (!bid) throw notFound('Submission', submissionId);
    assertClusterVisible(actor, bid.clusterId, 'Submission', submissionId);
    return bid.runId && bid.closesAt ? { closesAt: bid.closesAt, open: bid.open } : null;
  }

  ofProgramme(programmeId: string): Promise<AppealRow[]> {
    return this.repository.ofProgramme(programmeId);
  }

  async resolve(actor: Actor, appealId: string, decision: 'upheld' | 'rejected', reasoning: string): Promise<AppealRow> {
    await this.transactions.run(async (tx) => {
      const appeal = await this.repository.find(appealId, tx, true);
      if (!appeal) throw notFound('Appeal', appealId);
      if (appeal.status !== 'filed') throw alreadyResolved(appeal.status);
      await this.repository.resolve(tx, appealId, decision, reasoning, actor.userId);
      await this.audit.record(tx, actor, {
        action: `appeal.${decision}`,
        entityType: 'appeal',
        entityId: appealId,
        before: { status: 'filed' },
        after: { status: decision, reasoning },
      });
    });
    return (await this.repository.find(appealId))!;
  }
}
