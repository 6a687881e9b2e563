import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { TransactionRunner, type Tx } from '../common/database/transaction';
import { type ErrorDetail, notFound } from '../common/errors/domain-error';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { type AssignmentPair, type AssignmentProblem, assignmentViolations, assignReviewers, type Infeasibility } from './assignment';
import type { ReviewAssignmentEntity } from './commission.entity';
import { ACTIVE_REVIEW_STATUSES } from './commission.rules';
import { type CommissionBoard, CommissionBoardReader } from './commission-board';
import { CommissionsRepository } from './commissions.repository';
import { assignmentInfeasible, commissionClosed, noBids, programmeNotClosed, reviewStarted, swapInvalid } from './commissions.errors';

export interface RunAssignmentInput {
  seed?: number;
  useExpertise?: boolean;
}

export interface SwapInput {
  submissionId: string;
  fromMemberId: string;
  toMemberId: string;
  reason: string;
}

/** What happened to a bid whose reviewer stepped aside: the new reviewer, or why none could be found. */
export interface Reassignment {
  submissionId: string;
  newMemberIds: string[];
  problems: ErrorDetail[];
}

const pairKey = (p: { bidId?: string; submissionId?: string; memberId: string }) => `${p.bidId ?? p.submissionId}:${p.memberId}`;
const isActive = (a: ReviewAssignmentEntity) => ACTIVE_REVIEW_STATUSES.includes(a.status);

/**
 * Who reviews what. The solver (min-cost flow, see ./assignment) finds an assignment whenever one exists; this
 * service feeds it the commission's data, keeps reviews already started, writes the difference and audits it.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly board: CommissionBoardReader,
    private readonly commissions: CommissionsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Assigns (or re-assigns) every eligible bid; reviews already drafted or submitted stay where they are. */
  run(actor: Actor, programmeId: string, input: RunAssignmentInput) {
    return this.transactions.run(async (tx) => {
      const board = await this.board.read(programmeId, tx);
      if (board.commission.status === 'closed') throw commissionClosed();
      if (!['closed', 'scoring'].includes(board.programme.status)) throw programmeNotClosed(board.programme.status);
      if (!board.bids.length) throw noBids();
      const seed = input.seed ?? randomInt(1, 2 ** 31 - 1);
      const useExpertise = input.useExpertise ?? true;
      const active = board.assignments.filter(isActive);
      const started = active.filter((a) => a.status !== 'assigned');
      const result = assignReviewers(problemOf(board, started, seed, useExpertise));
      if (!result.feasible) throw assignmentInfeasible(result.reasons.map((r) => infeasibilityDetail(r, board)));

      const wanted = new Set(result.pairs.map(pairKey));
      const existing = new Set(active.map(pairKey));
      const removed = active.filter((a) => a.status === 'assigned' && !wanted.has(pairKey(a)));
      const added = result.pairs.filter((p) => !existing.has(pairKey(p)));
      await this.commissions.deleteAssignments(
        tx,
        removed.map((a) => a.id),
      );
      await this.commissions.insertAssignments(
        tx,
        added.map((p) => ({ programmeId, submissionId: p.bidId, memberId: p.memberId, origin: 'solver' as const })),
      );
      await this.startReviewing(tx, board, seed);
      await this.audit.record(tx, actor, {
        action: 'commission.assigned',
        entityType: 'programme',
        entityId: programmeId,
        before: { pairs: active.length },
        after: { seed, useExpertise, pairs: result.pairs.length, added: added.length, removed: removed.length, loads: result.loads },
      });
      return { seed, useExpertise, added: added.length, removed: removed.length };
    });
  }

  /** Moves one not-yet-started review to another member, if the result still keeps every rule. */
  swap(actor: Actor, programmeId: string, input: SwapInput) {
    return this.transactions.run(async (tx) => {
      const board = await this.board.read(programmeId, tx);
      if (board.commission.status === 'closed') throw commissionClosed();
      const active = board.assignments.filter(isActive);
      const from = active.find((a) => a.submissionId === input.submissionId && a.memberId === input.fromMemberId);
      if (!from) throw notFound('Assignment', `${input.submissionId}/${input.fromMemberId}`);
      if (from.status !== 'assigned') throw reviewStarted(from.status);
      if (!board.members.some((m) => m.id === input.toMemberId)) throw notFound('Commission member', input.toMemberId);

      const pairs = active.map((a) => (a === from ? { bidId: a.submissionId, memberId: input.toMemberId } : toPair(a)));
      const problem = problemOf(board, [], board.commission.assignmentSeed ?? 0, false);
      const violations = assignmentViolations(problem, pairs).filter(
        (v) => v.bidId === input.submissionId || v.memberId === input.toMemberId,
      );
      if (violations.length) {
        throw swapInvalid(violations.map((v) => ({ field: 'toMemberId', rule: v.code, message: describe(v.message, board) })));
      }
      await this.commissions.deleteAssignments(tx, [from.id]);
      await this.commissions.insertAssignments(tx, [
        { programmeId, submissionId: input.submissionId, memberId: input.toMemberId, origin: 'manual' },
      ]);
      await this.audit.record(tx, actor, {
        action: 'commission.assignment_swapped',
        entityType: 'submission',
        entityId: input.submissionId,
        before: { memberId: input.fromMemberId },
        after: { memberId: input.toMemberId, reason: input.reason },
      });
    });
  }

  /**
   * The member steps aside from a bid (a conflict came to light): the review is marked recused, its draft scores
   * dropped, and the solver looks for a replacement with every other review kept where it is.
   */
  async recuse(tx: Tx, actor: Actor, board: CommissionBoard, assignment: ReviewAssignmentEntity): Promise<Reassignment> {
    if (assignment.status === 'submitted') throw reviewStarted(assignment.status);
    const before = assignment.status;
    assignment.status = 'recused';
    assignment.recusedAt = await this.commissions.clock(tx);
    await this.commissions.saveAssignment(tx, assignment);
    await this.commissions.deleteScores(tx, assignment.id);
    await this.audit.record(tx, actor, {
      action: 'commission.review_recused',
      entityType: 'submission',
      entityId: assignment.submissionId,
      before: { memberId: assignment.memberId, status: before },
      after: { status: 'recused' },
    });
    const kept = board.assignments.filter((a) => isActive(a) && a.id !== assignment.id);
    const result = assignReviewers(problemOf(board, kept, board.commission.assignmentSeed ?? 0, true));
    if (!result.feasible) {
      return {
        submissionId: assignment.submissionId,
        newMemberIds: [],
        problems: result.reasons.map((r) => infeasibilityDetail(r, board)),
      };
    }
    const existing = new Set(kept.map(pairKey));
    const added = result.pairs.filter((p) => !existing.has(pairKey(p)));
    await this.commissions.insertAssignments(
      tx,
      added.map((p) => ({ programmeId: board.programme.id, submissionId: p.bidId, memberId: p.memberId, origin: 'reassigned' as const })),
    );
    if (added.length) {
      await this.audit.record(tx, null, {
        action: 'commission.reassigned',
        entityType: 'programme',
        entityId: board.programme.id,
        after: { pairs: added },
      });
    }
    const newMemberIds = added.filter((p) => p.bidId === assignment.submissionId).map((p) => p.memberId);
    return { submissionId: assignment.submissionId, newMemberIds, problems: [] };
  }

  private async startReviewing(tx: Tx, board: CommissionBoard, seed: number) {
    await this.commissions.setBidStatus(
      tx,
      board.bids.map((b) => b.id),
      'in_review',
      ['eligible'],
    );
    await this.programmes.moveStatus(tx, board.programme.id, 'closed', 'scoring');
    await this.commissions.saveCommission(tx, Object.assign(board.commission, { status: 'reviewing', assignmentSeed: seed }));
  }
}

const toPair = (a: ReviewAssignmentEntity): AssignmentPair => ({ bidId: a.submissionId, memberId: a.memberId });

export function problemOf(board: CommissionBoard, keep: ReviewAssignmentEntity[], seed: number, useExpertise: boolean): AssignmentProblem {
  return {
    bids: board.bids.map((b) => ({ id: b.id, industries: b.industries })),
    members: board.members.map((m) => ({ id: m.id, loadCap: m.loadCap, expertise: m.expertise })),
    reviewersPerBid: board.rules.reviewersPerBid,
    conflicts: board.conflicts.map((c) => ({ bidId: c.submissionId, memberId: c.memberId })),
    keep: keep.map(toPair),
    useExpertise,
    seed,
  };
}

/** The solver speaks in ids; people read registration numbers and names. */
export function describe(message: string, board: CommissionBoard): string {
  let text = message;
  for (const bid of board.bids) text = text.split(bid.id).join(bid.registrationNumber);
  for (const member of board.members) text = text.split(member.id).join(member.fullName);
  return text;
}

function infeasibilityDetail(reason: Infeasibility, board: CommissionBoard): ErrorDetail {
  return { field: 'assignment', rule: reason.code, message: describe(reason.message, board) };
}
