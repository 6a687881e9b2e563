import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { TransactionRunner, type Tx } from '../common/database/transaction';
import { isStillReferenced, isUniqueViolation } from '../common/database/pg-errors';
import { notFound } from '../common/errors/domain-error';
import { UsersRepository } from '../users/users.repository';
import { AssignmentsService, type Reassignment } from './assignments.service';
import type { CommissionMemberEntity } from './commission.entity';
import type { ConflictKind, MemberRole } from './commission.rules';
import { type CommissionBoard, CommissionBoardReader } from './commission-board';
import { CommissionsRepository } from './commissions.repository';
import { alreadyMember, chairTaken, commissionClosed, conflictExists, memberHasReviews, notACommissioner } from './commissions.errors';

export interface MemberInput {
  userId: string;
  role: MemberRole;
  organisationName: string;
  organisationInn: string;
  regionCode: string;
  loadCap: number;
  expertise?: string[];
}

export type MemberChange = Partial<Omit<MemberInput, 'userId'>>;

export interface ConflictInput {
  submissionId: string;
  kind: ConflictKind;
  reason: string;
}

const memberAudit = (m: CommissionMemberEntity) => ({
  userId: m.userId,
  role: m.role,
  organisationInn: m.organisationInn,
  regionCode: m.regionCode,
  loadCap: m.loadCap,
  expertise: m.expertise,
});

/** The commission's membership and conflicts of interest. */
@Injectable()
export class CommissionsService {
  constructor(
    private readonly board: CommissionBoardReader,
    private readonly commissions: CommissionsRepository,
    private readonly users: UsersRepository,
    private readonly assignments: AssignmentsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  view(programmeId: string) {
    return this.board.read(programmeId);
  }

  updateSettings(actor: Actor, programmeId: string, input: { reviewDueAt: Date | null }) {
    return this.transactions.run(async (tx) => {
      const board = await this.writableBoard(tx, programmeId);
      const before = board.commission.reviewDueAt;
      await this.commissions.saveCommission(tx, Object.assign(board.commission, { reviewDueAt: input.reviewDueAt }));
      await this.audit.record(tx, actor, {
        action: 'commission.updated',
        entityType: 'programme',
        entityId: programmeId,
        before: { reviewDueAt: before },
        after: { reviewDueAt: input.reviewDueAt },
      });
    });
  }

  addMember(actor: Actor, programmeId: string, input: MemberInput) {
    return this.transactions.run(async (tx) => {
      await this.writableBoard(tx, programmeId);
      const user = await this.users.findById(input.userId, tx);
      if (!user || user.role !== 'commissioner' || !user.isActive) throw notACommissioner(input.userId);
      const member = await this.saveMember(tx, { ...input, programmeId, expertise: input.expertise ?? [] });
      await this.audit.record(tx, actor, {
        action: 'commission.member_added',
        entityType: 'commission_member',
        entityId: member.id,
        after: memberAudit(member),
      });
      return member;
    });
  }

  updateMember(actor: Actor, programmeId: string, memberId: string, change: MemberChange) {
    return this.transactions.run(async (tx) => {
      await this.writableBoard(tx, programmeId);
      const member = await this.commissions.findMember(programmeId, memberId, tx);
      if (!member) throw notFound('Commission member', memberId);
      const before = memberAudit(member);
      const saved = await this.saveMember(tx, Object.assign(member, change));
      await this.audit.record(tx, actor, {
        action: 'commission.member_changed',
        entityType: 'commission_member',
        entityId: memberId,
        before,
        after: memberAudit(saved),
      });
      await this.recuseNewConflicts(tx, actor, programmeId, memberId);
      return saved;
    });
  }

  removeMember(actor: Actor, programmeId: string, memberId: string) {
    return this.transactions.run(async (tx) => {
      const board = await this.writableBoard(tx, programmeId);
      const member = board.members.find((m) => m.id === memberId);
      if (!member) throw notFound('Commission member', memberId);
      if (board.assignments.some((a) => a.memberId === memberId)) throw memberHasReviews();
      try {
        await this.commissions.deleteMember(tx, memberId);
      } catch (error) {
        if (isStillReferenced(error)) throw memberHasReviews();
        throw error;
      }
      await this.audit.record(tx, actor, {
        action: 'commission.member_removed',
        entityType: 'commission_member',
        entityId: memberId,
        before: memberAudit(member),
      });
    });
  }

  /** Ministry staff enter a conflict for a member; an assigned review of that pair is recused and replaced. */
  recordConflict(actor: Actor, programmeId: string, memberId: string, input: ConflictInput) {
    return this.transactions.run(async (tx) => {
      const board = await this.writableBoard(tx, programmeId);
      if (!board.members.some((m) => m.id === memberId)) throw notFound('Commission member', memberId);
      return this.conflictOn(tx, actor, board, memberId, input, 'staff');
    });
  }

  /** A member declares a conflict with a bid (before or instead of reviewing it). */
  declareConflict(actor: Actor, programmeId: string, input: ConflictInput) {
    return this.transactions.run(async (tx) => {
      const board = await this.writableBoard(tx, programmeId);
      const member = board.members.find((m) => m.userId === actor.userId);
      if (!member) throw notFound('Programme', programmeId);
      return this.conflictOn(tx, actor, board, member.id, input, 'member');
    });
  }

  private async conflictOn(
    tx: Tx,
    actor: Actor,
    board: CommissionBoard,
    memberId: string,
    input: ConflictInput,
    source: 'member' | 'staff',
  ): Promise<Reassignment | null> {
    if (!board.bids.some((b) => b.id === input.submissionId)) throw notFound('Submission', input.submissionId);
    try {
      await this.commissions.insertConflict(tx, { programmeId: board.programme.id, memberId, ...input, source, recordedBy: actor.userId });
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_member_conflicts_pair')) throw conflictExists();
      throw error;
    }
    await this.audit.record(tx, actor, {
      action: 'commission.conflict_recorded',
      entityType: 'submission',
      entityId: input.submissionId,
      after: { memberId, kind: input.kind, source, reason: input.reason },
    });
    board.conflicts.push({ memberId, submissionId: input.submissionId, kind: input.kind, source, reason: input.reason, recordedAt: null });
    const assignment = board.assignments.find(
      (a) => a.memberId === memberId && a.submissionId === input.submissionId && a.status !== 'recused',
    );
    return assignment ? this.assignments.recuse(tx, actor, board, assignment) : null;
  }

  /** A new organisation or region may put the member in conflict with bids they review: hand those on. */
  private async recuseNewConflicts(tx: Tx, actor: Actor, programmeId: string, memberId: string) {
    const board = await this.board.read(programmeId, tx);
    const conflicted = board.assignments.filter(
      (a) =>
        a.memberId === memberId &&
        (a.status === 'assigned' || a.status === 'drafted') &&
        board.conflicts.some((c) => c.memberId === memberId && c.submissionId === a.submissionId),
    );
    for (const assignment of conflicted) await this.assignments.recuse(tx, actor, board, assignment);
  }

  private async writableBoard(tx: Tx, programmeId: string) {
    const board = await this.board.read(programmeId, tx);
    if (board.commission.status === 'closed') throw commissionClosed();
    return board;
  }

  private async saveMember(tx: Tx, member: Partial<CommissionMemberEntity>) {
    try {
      return await this.commissions.saveMember(tx, member);
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_commission_members_user')) throw alreadyMember();
      if (isUniqueViolation(error, 'IDX_commission_members_one_chair')) throw chairTaken();
      throw error;
    }
  }
}
