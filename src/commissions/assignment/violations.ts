import { IndexedProblem, indexProblem, isConflict, pairKey } from './problem-index';
import type { AssignmentPair, AssignmentProblem, Violation } from './types';
import { count } from './wording';

/**
 * Every rule a proposed set of pairs breaks, e.g. after a manual swap: an empty list means the set is a valid
 * assignment. Each distinct pair counts once toward loads and reviewer counts; repeats are reported separately.
 */
export function assignmentViolations(problem: AssignmentProblem, pairs: AssignmentPair[]): Violation[] {
  const index = indexProblem(problem);
  const { violations, distinct } = pairViolations(index, pairs);
  return [
    ...violations,
    ...loadViolations(index, distinct),
    ...reviewerCountViolations(index, distinct),
    ...removedKeepViolations(index, distinct),
  ];
}

function pairViolations(index: IndexedProblem, pairs: AssignmentPair[]): { violations: Violation[]; distinct: AssignmentPair[] } {
  const violations: Violation[] = [];
  const seen = new Map<string, number>();
  const distinct: AssignmentPair[] = [];
  for (const { bidId, memberId } of pairs) {
    const key = pairKey(bidId, memberId);
    const times = (seen.get(key) ?? 0) + 1;
    seen.set(key, times);
    if (times === 2)
      violations.push({
        code: 'DUPLICATE_PAIR',
        message: `member ${memberId} is assigned to bid ${bidId} more than once`,
        bidId,
        memberId,
      });
    if (times > 1) continue;
    const known = checkKnown(index, bidId, memberId, violations);
    if (!known) continue;
    distinct.push({ bidId, memberId });
    if (isConflict(index, bidId, memberId))
      violations.push({ code: 'CONFLICT', message: `member ${memberId} has a conflict with bid ${bidId}`, bidId, memberId });
  }
  return { violations, distinct };
}

/** Reports unknown ids; only pairs naming a known bid and a known member take part in the other checks. */
function checkKnown(index: IndexedProblem, bidId: string, memberId: string, violations: Violation[]): boolean {
  const bidKnown = index.bidById.has(bidId);
  const memberKnown = index.memberById.has(memberId);
  if (!bidKnown) violations.push({ code: 'UNKNOWN_BID', message: `bid ${bidId} is not among the bids to assign`, bidId, memberId });
  if (!memberKnown) violations.push({ code: 'UNKNOWN_MEMBER', message: `member ${memberId} is not on the commission`, bidId, memberId });
  return bidKnown && memberKnown;
}

function loadViolations(index: IndexedProblem, pairs: AssignmentPair[]): Violation[] {
  const loads = tally(pairs.map((pair) => pair.memberId));
  return index.members
    .filter((member) => (loads.get(member.id) ?? 0) > member.loadCap)
    .map((member) => ({
      code: 'OVER_CAPACITY',
      message: `member ${member.id} has ${count(loads.get(member.id) ?? 0, 'bid')} but a load cap of ${member.loadCap}`,
      memberId: member.id,
    }));
}

function reviewerCountViolations(index: IndexedProblem, pairs: AssignmentPair[]): Violation[] {
  const counts = tally(pairs.map((pair) => pair.bidId));
  const needed = index.problem.reviewersPerBid;
  return index.bids
    .filter((bid) => (counts.get(bid.id) ?? 0) !== needed)
    .map((bid) => ({
      code: 'WRONG_REVIEWER_COUNT',
      message: `bid ${bid.id} has ${count(counts.get(bid.id) ?? 0, 'reviewer')}; ${needed} needed`,
      bidId: bid.id,
    }));
}

function removedKeepViolations(index: IndexedProblem, pairs: AssignmentPair[]): Violation[] {
  const present = new Set(pairs.map((pair) => pairKey(pair.bidId, pair.memberId)));
  return index.keep
    .filter((pair) => !present.has(pairKey(pair.bidId, pair.memberId)))
    .map(({ bidId, memberId }) => ({
      code: 'KEPT_PAIR_REMOVED',
      message: `member ${memberId} must stay on bid ${bidId} but is missing`,
      bidId,
      memberId,
    }));
}

function tally(ids: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
