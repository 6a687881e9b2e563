export const COMMISSION_STATUSES = ['forming', 'reviewing', 'closed'] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

export const MEMBER_ROLES = ['chair', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const CONFLICT_KINDS = ['same-organisation', 'same-region', 'family', 'co-author', 'other'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/** Who recorded a conflict; `derived` ones are never stored, they follow from the data each time. */
export const CONFLICT_SOURCES = ['member', 'staff', 'derived'] as const;
export type ConflictSource = (typeof CONFLICT_SOURCES)[number];

export const REVIEW_STATUSES = ['assigned', 'drafted', 'submitted', 'recused'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const ASSIGNMENT_ORIGINS = ['solver', 'manual', 'reassigned'] as const;
export type AssignmentOrigin = (typeof ASSIGNMENT_ORIGINS)[number];

/** A review still holding its place on the bid: recused ones gave it up. */
export const ACTIVE_REVIEW_STATUSES: ReviewStatus[] = ['assigned', 'drafted', 'submitted'];

export interface MemberFacts {
  id: string;
  organisationInn: string;
  regionCode: string;
}

export interface ClusterFacts {
  organisationInn: string;
  participantInns: string[];
  regionCode: string;
}

export interface DerivedConflict {
  kind: ConflictKind;
  reason: string;
}

/**
 * Conflicts that follow from the data: the member's organisation is the cluster's specialised organisation or one
 * of its listed participants; or, where the programme asks for it, the member comes from the cluster's region.
 */
export function derivedConflicts(member: MemberFacts, cluster: ClusterFacts, sameRegionRule: boolean): DerivedConflict[] {
  const conflicts: DerivedConflict[] = [];
  if (member.organisationInn === cluster.organisationInn) {
    conflicts.push({
      kind: 'same-organisation',
      reason: `the member's organisation (INN ${member.organisationInn}) is the cluster's specialised organisation`,
    });
  } else if (cluster.participantInns.includes(member.organisationInn)) {
    conflicts.push({
      kind: 'same-organisation',
      reason: `the member's organisation (INN ${member.organisationInn}) is a participant of the cluster`,
    });
  }
  if (sameRegionRule && member.regionCode === cluster.regionCode) {
    conflicts.push({
      kind: 'same-region',
      reason: `the member and the cluster are both from ${cluster.regionCode}; the programme excludes same-region reviews`,
    });
  }
  return conflicts;
}
