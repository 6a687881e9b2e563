import type { CommissionBoard, ConflictView } from '../commission-board';
import type { ReviewAssignmentEntity } from '../commission.entity';
import type { MemberRow } from '../commissions.repository';
import type { Reassignment } from '../assignments.service';

export class MemberDto {
  id: string;
  userId: string;
  fullName: string;
  email: string;
  role: 'chair' | 'member';
  organisationName: string;
  organisationInn: string;
  regionCode: string;
  loadCap: number;
  expertise: string[];

  static from(m: MemberRow): MemberDto {
    return {
      id: m.id,
      userId: m.userId,
      fullName: m.fullName,
      email: m.email,
      role: m.role,
      organisationName: m.organisationName,
      organisationInn: m.organisationInn,
      regionCode: m.regionCode,
      loadCap: m.loadCap,
      expertise: m.expertise,
    };
  }
}

export class ConflictDto {
  memberId: string;
  submissionId: string;
  registrationNumber: string;
  kind: string;
  /** member (declared), staff (entered by the ministry) or derived (follows from organisation or region data). */
  source: string;
  reason: string;
  recordedAt: string | null;

  static from(c: ConflictView, board: CommissionBoard): ConflictDto {
    return {
      memberId: c.memberId,
      submissionId: c.submissionId,
      registrationNumber: board.bids.find((b) => b.id === c.submissionId)?.registrationNumber ?? '',
      kind: c.kind,
      source: c.source,
      reason: c.reason,
      recordedAt: c.recordedAt?.toISOString() ?? null,
    };
  }
}

export class ConflictListDto {
  items: ConflictDto[];
  total: number;
}

export class CommissionDto {
  programmeId: string;
  status: string;
  reviewDueAt: string | null;
  assignmentSeed: number | null;
  closedAt: string | null;
  members: MemberDto[];
  /** Conflicts by source (member, staff, derived). */
  conflictCounts: Record<string, number>;
  reviewableBids: number;

  static from(board: CommissionBoard): CommissionDto {
    const c = board.commission;
    const conflictCounts: Record<string, number> = { member: 0, staff: 0, derived: 0 };
    for (const conflict of board.conflicts) conflictCounts[conflict.source] += 1;
    return {
      programmeId: c.programmeId,
      status: c.status,
      reviewDueAt: c.reviewDueAt?.toISOString() ?? null,
      assignmentSeed: c.assignmentSeed,
      closedAt: c.closedAt?.toISOString() ?? null,
      members: board.members.map(MemberDto.from),
      conflictCounts,
      reviewableBids: board.bids.length,
    };
  }
}

export class AssignmentDto {
  id: string;
  submissionId: string;
  registrationNumber: string;
  clusterName: string;
  memberId: string;
  memberName: string;
  status: string;
  /** solver, manual (a swap by staff) or reassigned (after a recusal). */
  origin: string;
  assignedAt: string;
  submittedAt: string | null;

  static from(a: ReviewAssignmentEntity, board: CommissionBoard): AssignmentDto {
    const bid = board.bids.find((b) => b.id === a.submissionId);
    return {
      id: a.id,
      submissionId: a.submissionId,
      registrationNumber: bid?.registrationNumber ?? '',
      clusterName: bid?.clusterName ?? '',
      memberId: a.memberId,
      memberName: board.members.find((m) => m.id === a.memberId)?.fullName ?? '',
      status: a.status,
      origin: a.origin,
      assignedAt: a.assignedAt.toISOString(),
      submittedAt: a.submittedAt?.toISOString() ?? null,
    };
  }
}

export class AssignmentListDto {
  items: AssignmentDto[];
  total: number;
  /** Active reviews per member. */
  loads: Record<string, number>;
}

export class AssignmentRunDto {
  seed: number;
  useExpertise: boolean;
  added: number;
  removed: number;
}

export class ReassignmentDto {
  submissionId: string;
  /** The members who took over the bid; empty when no one could (see problems). */
  newMemberIds: string[];
  problems: { field: string; rule: string; message: string }[];

  static from(r: Reassignment | null, submissionId: string): ReassignmentDto {
    return r ?? { submissionId, newMemberIds: [], problems: [] };
  }
}
