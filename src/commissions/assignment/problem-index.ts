import type { AssignmentBid, AssignmentMember, AssignmentPair, AssignmentProblem } from './types';

/** The problem in canonical form: id-sorted, deduplicated, with lookups the solver and the diagnosis share. */
export interface IndexedProblem {
  problem: AssignmentProblem;
  bids: AssignmentBid[];
  members: AssignmentMember[];
  bidById: Map<string, AssignmentBid>;
  memberById: Map<string, AssignmentMember>;
  /** Conflicted member ids per bid: looked up once per bid × member pair, millions of times in a large commission. */
  conflictsByBid: Map<string, Set<string>>;
  /** Kept pairs, deduplicated and sorted by bidId then memberId. */
  keep: AssignmentPair[];
  keptMembersByBid: Map<string, Set<string>>;
  keptLoadByMember: Map<string, number>;
}

export function pairKey(bidId: string, memberId: string): string {
  return `${bidId}\u0000${memberId}`;
}

export function byId(a: { id: string }, b: { id: string }): number {
  return compareIds(a.id, b.id);
}

/** Plain code-unit order: locale-independent, so the same ids sort the same on every server. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function comparePairs(a: AssignmentPair, b: AssignmentPair): number {
  return compareIds(a.bidId, b.bidId) || compareIds(a.memberId, b.memberId);
}

/** Validates what can only be a programming error (throws) and builds the canonical form. */
export function indexProblem(problem: AssignmentProblem): IndexedProblem {
  assertNonNegativeInteger(problem.reviewersPerBid, 'reviewersPerBid');
  const bids = [...problem.bids].sort(byId);
  const members = [...problem.members].sort(byId);
  assertUniqueIds(bids, 'bid');
  assertUniqueIds(members, 'member');
  for (const member of members) assertNonNegativeInteger(member.loadCap, `loadCap of member ${member.id}`);
  const bidById = new Map(bids.map((bid) => [bid.id, bid]));
  const memberById = new Map(members.map((member) => [member.id, member]));
  const keep = uniquePairs(problem.keep ?? []);
  for (const pair of keep) {
    if (!bidById.has(pair.bidId)) throw new Error(`kept pair names unknown bid ${pair.bidId}`);
    if (!memberById.has(pair.memberId)) throw new Error(`kept pair names unknown member ${pair.memberId}`);
  }
  const conflictsByBid = new Map<string, Set<string>>();
  for (const { bidId, memberId } of problem.conflicts) {
    const members = conflictsByBid.get(bidId) ?? new Set<string>();
    conflictsByBid.set(bidId, members.add(memberId));
  }
  return { problem, bids, members, bidById, memberById, conflictsByBid, keep, ...keptTallies(keep) };
}

export function isConflict(index: IndexedProblem, bidId: string, memberId: string): boolean {
  return index.conflictsByBid.get(bidId)?.has(memberId) ?? false;
}

export function keptCount(index: IndexedProblem, bidId: string): number {
  return index.keptMembersByBid.get(bidId)?.size ?? 0;
}

export function keptLoad(index: IndexedProblem, memberId: string): number {
  return index.keptLoadByMember.get(memberId) ?? 0;
}

function uniquePairs(pairs: AssignmentPair[]): AssignmentPair[] {
  const unique = new Map(pairs.map((pair) => [pairKey(pair.bidId, pair.memberId), { bidId: pair.bidId, memberId: pair.memberId }]));
  return [...unique.values()].sort(comparePairs);
}

function keptTallies(keep: AssignmentPair[]): Pick<IndexedProblem, 'keptMembersByBid' | 'keptLoadByMember'> {
  const keptMembersByBid = new Map<string, Set<string>>();
  const keptLoadByMember = new Map<string, number>();
  for (const { bidId, memberId } of keep) {
    const members = keptMembersByBid.get(bidId) ?? new Set<string>();
    keptMembersByBid.set(bidId, members.add(memberId));
    keptLoadByMember.set(memberId, (keptLoadByMember.get(memberId) ?? 0) + 1);
  }
  return { keptMembersByBid, keptLoadByMember };
}

function assertUniqueIds(items: { id: string }[], kind: string): void {
  for (let i = 1; i < items.length; i++) {
    if (items[i].id === items[i - 1].id) throw new Error(`duplicate ${kind} id ${items[i].id}`);
  }
}

function assertNonNegativeInteger(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${value}`);
}
