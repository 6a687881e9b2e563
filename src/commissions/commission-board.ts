import { Injectable } from '@nestjs/common';
import type { Tx } from '../common/database/transaction';
import { notFound } from '../common/errors/domain-error';
import { FrozenRulesCache } from '../programmes/frozen-rules.cache';
import type { ProgrammeRules, ProgrammeStatus } from '../programmes/programme.rules';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import type { CommissionEntity, MemberConflictEntity, ReviewAssignmentEntity } from './commission.entity';
import { type ConflictKind, type ConflictSource, derivedConflicts } from './commission.rules';
import { CommissionsRepository, type MemberRow, type ReviewableBid } from './commissions.repository';

export interface ConflictView {
  memberId: string;
  submissionId: string;
  kind: ConflictKind;
  source: ConflictSource;
  reason: string;
  recordedAt: Date | null;
}

/** Everything a commission decision looks at, read together (inside the caller's transaction when it has one). */
export interface CommissionBoard {
  programme: { id: string; code: string; status: ProgrammeStatus };
  rules: ProgrammeRules;
  commission: CommissionEntity;
  members: MemberRow[];
  bids: ReviewableBid[];
  conflicts: ConflictView[];
  assignments: ReviewAssignmentEntity[];
}

/** Stored conflicts plus the ones the data implies, one entry per (member, bid, kind). */
export function allConflicts(
  members: MemberRow[],
  bids: ReviewableBid[],
  stored: MemberConflictEntity[],
  sameRegionRule: boolean,
): ConflictView[] {
  const views: ConflictView[] = stored.map((c) => ({
    memberId: c.memberId,
    submissionId: c.submissionId,
    kind: c.kind,
    source: c.source,
    reason: c.reason,
    recordedAt: c.recordedAt,
  }));
  for (const member of members) {
    for (const bid of bids) {
      for (const derived of derivedConflicts(member, bid, sameRegionRule)) {
        views.push({
          memberId: member.id,
          submissionId: bid.id,
          kind: derived.kind,
          source: 'derived',
          reason: derived.reason,
          recordedAt: null,
        });
      }
    }
  }
  return views;
}

@Injectable()
export class CommissionBoardReader {
  constructor(
    private readonly commissions: CommissionsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly rulesCache: FrozenRulesCache,
  ) {}

  /** With `tx`, the commission row is created if missing and locked: the caller is about to change it. */
  async read(programmeId: string, tx?: Tx): Promise<CommissionBoard> {
    const programme = await this.programmes.findById(programmeId, tx);
    if (!programme || programme.status === 'draft') throw notFound('Programme', programmeId);
    const rules = (await this.rulesCache.get(programmeId, programme.rulesVersion))!;
    const commission = tx ? await this.commissions.lock(tx, programmeId) : await this.commissions.find(programmeId);
    const members = await this.commissions.members(programmeId, tx);
    const bids = await this.commissions.reviewableBids(programmeId, tx);
    const stored = await this.commissions.storedConflicts(programmeId, tx);
    const assignments = await this.commissions.assignments(programmeId, tx);
    return {
      programme: { id: programme.id, code: programme.code, status: programme.status },
      rules,
      commission: commission ?? unsavedCommission(programmeId),
      members,
      bids,
      conflicts: allConflicts(members, bids, stored, rules.conflictSameRegion),
      assignments,
    };
  }
}

function unsavedCommission(programmeId: string): CommissionEntity {
  return {
    programmeId,
    status: 'forming',
    reviewDueAt: null,
    assignmentSeed: null,
    closedAt: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}
