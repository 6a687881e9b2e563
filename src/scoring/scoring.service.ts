import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { type Tx, TransactionRunner } from '../common/database/transaction';
import { type ErrorDetail, notFound } from '../common/errors/domain-error';
import { type CommissionBoard, CommissionBoardReader } from '../commissions/commission-board';
import { commissionClosed, notReadyToClose } from '../commissions/commissions.errors';
import { CommissionsRepository } from '../commissions/commissions.repository';
import { FrozenRulesCache } from '../programmes/frozen-rules.cache';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { aggregateScores, type BidAggregate, scoreDistribution } from './aggregation';
import { completenessErrors, entryErrors, type ScoreEntry } from './score.rules';
import { noDisagreement, scoresInvalid } from './scoring.errors';
import { ScoringRepository } from './scoring.repository';
import { reviewProgress } from './progress';

/** The commission's results as ministry staff and the chair see them: aggregates, disagreements, consensus, close. */
@Injectable()
export class ScoringService {
  constructor(
    private readonly scoring: ScoringRepository,
    private readonly board: CommissionBoardReader,
    private readonly commissions: CommissionsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly programmes: ProgrammesRepository,
    private readonly rulesCache: FrozenRulesCache,
  ) {}

  /**
   * The aggregate of every scored bid under the programme's frozen rules — what ranking starts from. Reads only
   * scores (no board, names or justifications), so it stays fast at 100,000 bids; callers check access.
   */
  async aggregates(programmeId: string, tx?: Tx) {
    const programme = await this.programmes.findById(programmeId, tx);
    if (!programme || programme.status === 'draft') throw notFound('Programme', programmeId);
    const rules = (await this.rulesCache.get(programmeId, programme.rulesVersion))!;
    const scores = await this.scoring.scoresForAggregation(programmeId, tx);
    const consensus = await this.scoring.consensus(programmeId, tx);
    return { programme, rules, aggregates: aggregateScores(rules, scores, consensus) };
  }

  /** Every reviewable bid with its per-criterion aggregate, weighted total and threshold failures. */
  async results(actor: Actor, programmeId: string) {
    const board = await this.readFor(actor, programmeId);
    const scores = await this.scoring.submittedScores(programmeId);
    const consensus = await this.scoring.consensus(programmeId);
    const aggregates = new Map(aggregateScores(board.rules, scores, consensus).map((a) => [a.bidId, a]));
    return { board, scores, consensus, results: board.bids.map((bid) => ({ bid, aggregate: aggregates.get(bid.id) ?? null })) };
  }

  async disagreements(actor: Actor, programmeId: string) {
    const { board, scores, consensus, results } = await this.results(actor, programmeId);
    const flagged = results.filter((r) => r.aggregate?.criteria.some((c) => c.disagreement));
    return { board, scores, consensus, results: flagged };
  }

  /** The chair's consensus on the criteria where the reviewers disagree; replaces the aggregate, audited. */
  setConsensus(actor: Actor, programmeId: string, submissionId: string, entries: ScoreEntry[]) {
    return this.transactions.run(async (tx) => {
      const board = await this.board.read(programmeId, tx);
      if (!isChair(actor, board)) throw notFound('Programme', programmeId);
      if (board.commission.status === 'closed') throw commissionClosed();
      // A chair conflicted on the bid may not see it, let alone settle its scores: 404 as for any bid not theirs.
      if (!board.bids.some((b) => b.id === submissionId) || conflictedOn(actor, board, submissionId)) {
        throw notFound('Submission', submissionId);
      }
      const errors = entryErrors(board.rules.criteria, entries);
      const criteria = board.rules.criteria.filter((c) => entries.some((e) => e.criterionCode === c.code));
      errors.push(...completenessErrors(criteria, entries, board.rules.minJustificationLength));
      if (errors.length) throw scoresInvalid(errors);

      const scores = await this.scoring.submittedScores(programmeId, submissionId, tx);
      const previous = (await this.scoring.consensus(programmeId, tx)).filter((c) => c.bidId === submissionId);
      const [aggregate] = aggregateScores(board.rules, scores, previous);
      const notDisputed = notDisputedErrors(aggregate, entries);
      if (notDisputed.length) throw noDisagreement(notDisputed);
      await this.scoring.upsertConsensus(tx, programmeId, submissionId, actor.userId, entries);
      await this.audit.record(tx, actor, {
        action: 'scoring.consensus_recorded',
        entityType: 'submission',
        entityId: submissionId,
        before: { consensus: previous.map(({ criterionCode, score }) => ({ criterionCode, score })) },
        after: {
          consensus: entries.map(({ criterionCode, score, justification }) => ({ criterionCode, score, justification })),
          reviewerScores: scores.map(({ reviewerId, criterionCode, score }) => ({ reviewerId, criterionCode, score })),
        },
      });
    });
  }

  /** Per reviewer, per bid and per criterion: how far the commission has got. */
  async progress(actor: Actor, programmeId: string) {
    const board = await this.readFor(actor, programmeId);
    const scores = await this.scoring.submittedScores(programmeId);
    const now = await this.commissions.clock();
    const distributions = board.rules.criteria.map((criterion) => ({
      criterionCode: criterion.code,
      buckets: scoreDistribution(
        criterion,
        scores.filter((s) => s.criterionCode === criterion.code).map((s) => s.score),
      ),
    }));
    return { board, now, ...reviewProgress(board, now), distributions };
  }

  /** Closes the commission once every bid is fully reviewed and every disagreement settled; scores lock for good. */
  close(actor: Actor, programmeId: string) {
    return this.transactions.run(async (tx) => {
      const board = await this.board.read(programmeId, tx);
      if (board.commission.status === 'closed') throw commissionClosed();
      if (board.commission.status !== 'reviewing') {
        throw notReadyToClose([{ field: 'commission', rule: 'reviewing', message: 'no reviewers have been assigned yet' }]);
      }
      const scores = await this.scoring.submittedScores(programmeId, undefined, tx);
      const consensus = await this.scoring.consensus(programmeId, tx);
      const problems = closeProblems(board, aggregateScores(board.rules, scores, consensus));
      if (problems.length) throw notReadyToClose(problems);
      const closedAt = await this.commissions.clock(tx);
      await this.commissions.saveCommission(tx, Object.assign(board.commission, { status: 'closed', closedAt }));
      await this.audit.record(tx, actor, {
        action: 'commission.closed',
        entityType: 'programme',
        entityId: programmeId,
        before: { status: 'reviewing' },
        after: { status: 'closed', bids: board.bids.length, scores: scores.length, consensus: consensus.length },
      });
      return closedAt;
    });
  }

  /** Staff see every commission; a commissioner only the one they chair, without the bids they are conflicted on. */
  private async readFor(actor: Actor, programmeId: string) {
    const board = await this.board.read(programmeId);
    if (actor.role !== 'commissioner') return board;
    if (!isChair(actor, board)) throw notFound('Programme', programmeId);
    return { ...board, bids: board.bids.filter((bid) => !conflictedOn(actor, board, bid.id)) };
  }
}

const isChair = (actor: Actor, board: CommissionBoard) => board.members.some((m) => m.userId === actor.userId && m.role === 'chair');

/** Whether the caller, as a member of this commission, has a conflict (stored or derived) with the bid. */
function conflictedOn(actor: Actor, board: CommissionBoard, submissionId: string) {
  const member = board.members.find((m) => m.userId === actor.userId);
  return Boolean(member && board.conflicts.some((c) => c.memberId === member.id && c.submissionId === submissionId));
}

function notDisputedErrors(aggregate: BidAggregate | undefined, entries: ScoreEntry[]): ErrorDetail[] {
  return entries
    .filter((e) => !aggregate?.criteria.find((c) => c.criterionCode === e.criterionCode)?.disagreement)
    .map((e) => ({
      field: `scores.${e.criterionCode}`,
      rule: 'disagreement',
      message: `the reviewers' scores on ${e.criterionCode} do not differ by more than the programme's threshold`,
    }));
}

function closeProblems(board: CommissionBoard, aggregates: BidAggregate[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const needed = board.rules.reviewersPerBid;
  for (const bid of board.bids) {
    const reviews = board.assignments.filter((a) => a.submissionId === bid.id && a.status !== 'recused');
    const submitted = reviews.filter((a) => a.status === 'submitted').length;
    if (submitted < needed || submitted < reviews.length) {
      problems.push({
        field: `bids.${bid.registrationNumber}`,
        rule: 'reviewsSubmitted',
        message: `bid ${bid.registrationNumber} has ${submitted} of ${Math.max(needed, reviews.length)} reviews submitted`,
      });
    }
    const pending = aggregates.find((a) => a.bidId === bid.id)?.needsConsensus ?? [];
    if (pending.length) {
      problems.push({
        field: `bids.${bid.registrationNumber}`,
        rule: 'consensus',
        message: `bid ${bid.registrationNumber} needs the chair's consensus on ${pending.join(', ')}`,
      });
    }
  }
  return problems;
}
