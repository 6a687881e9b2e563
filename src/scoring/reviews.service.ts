import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { TransactionRunner, type Tx } from '../common/database/transaction';
import { notFound } from '../common/errors/domain-error';
import { CommissionBoardReader, type CommissionBoard } from '../commissions/commission-board';
import type { ConflictKind } from '../commissions/commission.rules';
import { commissionClosed } from '../commissions/commissions.errors';
import { CommissionsService } from '../commissions/commissions.service';
import { CommissionsRepository } from '../commissions/commissions.repository';
import { aggregateScores } from './aggregation';
import { completenessErrors, entryErrors, type ScoreEntry } from './score.rules';
import { reviewIncomplete, reviewNotSubmitted, reviewSubmitted, scoresInvalid } from './scoring.errors';
import { type ReviewRow, ScoringRepository } from './scoring.repository';

/** A commission member's own reviews: read the bid, score it criterion by criterion, submit, then see the panel. */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly scoring: ScoringRepository,
    private readonly board: CommissionBoardReader,
    private readonly commissions: CommissionsRepository,
    private readonly commissionsService: CommissionsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  list(actor: Actor) {
    return this.scoring.reviewsOfUser(actor.userId);
  }

  async get(actor: Actor, assignmentId: string) {
    const { review, board } = await this.visible(actor, assignmentId);
    const version = await this.scoring.countingContent(review.submissionId);
    const scores = await this.scoring.scoresOf(assignmentId);
    return { review, rules: board.rules, version, scores };
  }

  /** Saves draft scores (some or all criteria); each must lie on its scale. */
  saveDraft(actor: Actor, assignmentId: string, entries: ScoreEntry[]) {
    return this.transactions.run(async (tx) => {
      const { review, board } = await this.writable(tx, actor, assignmentId);
      const errors = entryErrors(board.rules.criteria, entries);
      if (errors.length) throw scoresInvalid(errors);
      await this.scoring.upsertScores(tx, assignmentId, entries);
      if (review.status === 'assigned') await this.scoring.setReviewStatus(tx, assignmentId, 'drafted', false);
      return this.scoring.scoresOf(assignmentId, tx);
    });
  }

  /** Submits the review: every criterion scored and justified; the scores are final from here on. */
  submit(actor: Actor, assignmentId: string) {
    return this.transactions.run(async (tx) => {
      const { review, board } = await this.writable(tx, actor, assignmentId);
      const scores = await this.scoring.scoresOf(assignmentId, tx);
      const errors = [
        ...entryErrors(board.rules.criteria, scores),
        ...completenessErrors(board.rules.criteria, scores, board.rules.minJustificationLength),
      ];
      if (errors.length) throw reviewIncomplete(errors);
      await this.scoring.setReviewStatus(tx, assignmentId, 'submitted', true);
      await this.audit.record(tx, actor, {
        action: 'review.submitted',
        entityType: 'submission',
        entityId: review.submissionId,
        before: { status: review.status },
        after: { memberId: review.memberId, scores: scores.map(({ criterionCode, score }) => ({ criterionCode, score })) },
      });
      const done = await this.commissions.fullyReviewed(tx, [review.submissionId], board.rules.reviewersPerBid);
      await this.commissions.setBidStatus(tx, done, 'scored', ['in_review']);
      return scores;
    });
  }

  /** The panel: everyone's submitted scores on the bid, with the aggregate and any consensus — after one's own. */
  async panel(actor: Actor, assignmentId: string) {
    const { review, board } = await this.visible(actor, assignmentId);
    if (review.status !== 'submitted') throw reviewNotSubmitted();
    const scores = await this.scoring.submittedScores(review.programmeId, review.submissionId);
    const consensus = (await this.scoring.consensus(review.programmeId)).filter((c) => c.bidId === review.submissionId);
    const [aggregate] = aggregateScores(board.rules, scores, consensus);
    return { review, rules: board.rules, scores, consensus, aggregate: aggregate ?? null };
  }

  /** Declares a conflict instead of scoring: the member leaves the bid and a replacement is sought. */
  async declareConflict(actor: Actor, assignmentId: string, input: { kind: ConflictKind; reason: string }) {
    const { review } = await this.visible(actor, assignmentId);
    if (review.status === 'submitted') throw reviewSubmitted();
    return this.commissionsService.declareConflict(actor, review.programmeId, { submissionId: review.submissionId, ...input });
  }

  /** The review if it is the caller's, not recused, and the member has no conflict with the bid; otherwise 404. */
  private async visible(actor: Actor, assignmentId: string, tx?: Tx): Promise<{ review: ReviewRow; board: CommissionBoard }> {
    const review = await this.scoring.reviewOfUser(assignmentId, actor.userId, tx);
    if (!review || review.status === 'recused') throw notFound('Review', assignmentId);
    const board = await this.board.read(review.programmeId);
    if (board.conflicts.some((c) => c.memberId === review.memberId && c.submissionId === review.submissionId)) {
      throw notFound('Review', assignmentId);
    }
    return { review, board };
  }

  private async writable(tx: Tx, actor: Actor, assignmentId: string) {
    const found = await this.visible(actor, assignmentId, tx);
    if (found.review.commissionStatus === 'closed') throw commissionClosed();
    if (found.review.status === 'submitted') throw reviewSubmitted();
    return found;
  }
}
