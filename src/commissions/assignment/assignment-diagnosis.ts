import { AssignmentNetwork, isCandidate, missingReviewers, remainingCap } from './network';
import { IndexedProblem, isConflict, keptCount } from './problem-index';
import type { Infeasibility } from './types';
import { count, listIds } from './wording';

/** Kept pairs that cannot stand whatever else is assigned. */
export function keepProblems(index: IndexedProblem): Infeasibility[] {
  const reasons: Infeasibility[] = [];
  const r = index.problem.reviewersPerBid;
  for (const { bidId, memberId } of index.keep) {
    if (!isConflict(index, bidId, memberId)) continue;
    const message = `member ${memberId} is kept on bid ${bidId} but has a conflict with it`;
    reasons.push({ code: 'KEPT_PAIR_CONFLICT', message, bidIds: [bidId], memberIds: [memberId], needed: 0, available: 0 });
  }
  for (const member of index.members) {
    const bidIds = index.keep.filter((pair) => pair.memberId === member.id).map((pair) => pair.bidId);
    if (bidIds.length <= member.loadCap) continue;
    const message = `member ${member.id} is kept on ${count(bidIds.length, 'bid')} (${listIds(bidIds)}) but its load cap is ${member.loadCap}`;
    reasons.push({ code: 'KEPT_OVER_CAPACITY', message, bidIds, memberIds: [member.id], needed: bidIds.length, available: member.loadCap });
  }
  for (const bid of index.bids) {
    const memberIds = [...(index.keptMembersByBid.get(bid.id) ?? [])];
    if (memberIds.length <= r) continue;
    const message = `bid ${bid.id} keeps ${count(memberIds.length, 'reviewer')} (${listIds(memberIds)}) but a bid takes only ${count(r, 'reviewer')}`;
    reasons.push({ code: 'KEPT_TOO_MANY_REVIEWERS', message, bidIds: [bid.id], memberIds, needed: r, available: memberIds.length });
  }
  return reasons;
}

/** Impossibilities visible without solving: a bid short of allowed members, or too little capacity overall. */
export function countingProblems(index: IndexedProblem): Infeasibility[] {
  const r = index.problem.reviewersPerBid;
  const reasons: Infeasibility[] = [];
  for (const bid of index.bids) {
    const memberIds = index.members.filter((m) => m.loadCap > 0 && !isConflict(index, bid.id, m.id)).map((m) => m.id);
    if (memberIds.length >= r) continue;
    const message = `bid ${bid.id} has only ${count(memberIds.length, 'reviewer')} without conflict; ${r} needed`;
    reasons.push({ code: 'BID_TOO_FEW_REVIEWERS', message, bidIds: [bid.id], memberIds, needed: r, available: memberIds.length });
  }
  const needed = index.bids.length * r;
  const available = index.members.reduce((sum, member) => sum + member.loadCap, 0);
  if (available < needed) {
    const message = `the members' load caps add up to ${count(available, 'review')}, but ${count(index.bids.length, 'bid')} × ${count(r, 'reviewer')} need ${needed}`;
    const [bidIds, memberIds] = [index.bids.map((b) => b.id), index.members.map((m) => m.id)];
    reasons.push({ code: 'CAPACITY_TOO_SMALL', message, bidIds, memberIds, needed, available });
  }
  return reasons;
}

/**
 * After a maximum flow that falls short, the bids still reachable from the source in the residual graph form a
 * Hall-violating group (max-flow/min-cut): together they need more reviews than the members allowed on them can
 * give, each member giving at most min(its remaining cap, how many of these bids it may review).
 */
export function minCutProblem(index: IndexedProblem, network: AssignmentNetwork): Infeasibility {
  const reachable = network.graph.residualReachable(network.source);
  const group = index.bids.filter((bid) => reachable[network.bidNodes.get(bid.id) as number]);
  const needed = group.reduce((sum, bid) => sum + missingReviewers(index, bid.id), 0);
  const givers = index.members
    .map((member) => ({
      member,
      gives: Math.min(remainingCap(index, member), group.filter((bid) => isCandidate(index, bid, member)).length),
    }))
    .filter(({ gives }) => gives > 0);
  const available = givers.reduce((sum, { gives }) => sum + gives, 0);
  const bidIds = group.map((bid) => bid.id);
  const memberIds = givers.map(({ member }) => member.id);
  const message = hallMessage(
    bidIds,
    memberIds,
    needed,
    available,
    group.some((bid) => keptCount(index, bid.id) > 0),
  );
  return { code: 'BIDS_TOO_FEW_REVIEWERS', message, bidIds, memberIds, needed, available };
}

function hallMessage(bidIds: string[], memberIds: string[], needed: number, available: number, anyKept: boolean): string {
  const [subject, owner] = bidIds.length === 1 ? [`bid ${bidIds[0]} needs`, 'its'] : [`bids ${listIds(bidIds)} need`, 'their'];
  const reviews = count(needed, anyKept ? 'more review' : 'review');
  if (memberIds.length === 0) return `${subject} ${reviews} but no non-conflicted member has room left`;
  const caps = anyKept ? 'remaining caps' : 'caps';
  return `${subject} ${reviews} but ${owner} non-conflicted members (${listIds(memberIds)}) can give only ${available} within their ${caps}`;
}
