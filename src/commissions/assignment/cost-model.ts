import type { AssignmentBid, AssignmentMember, AssignmentPair, AssignmentProblem } from './types';

/**
 * Cost model — integers only, so the optimum is exact and comparable across runs:
 *
 *   cost = BALANCE × Σ_members load²  +  MISMATCH × (pairs without expertise overlap, only when useExpertise)
 *
 * The balance term is written per assignment as "a member's k-th bid costs BALANCE × (2k − 1)": the increments grow,
 * so the per-member cost is convex and successive shortest paths fill the least-loaded members first. Kept pairs are
 * the first k's of their member, so new work goes to whoever has done the least overall.
 *
 * Why balance always dominates: every complete assignment has the same number of pairs N = bids × reviewersPerBid, so
 * the mismatch term of any two of them differs by at most N × MISMATCH. With BALANCE = (N + 1) × MISMATCH even the
 * smallest balance improvement outweighs every possible expertise gain — expertise only chooses among the
 * best-balanced assignments. Keeping BALANCE this small (instead of a round 10^k) keeps every cost below N³ + N, so
 * doubles stay exact integers up to N ≈ 200 000 pairs — far beyond any commission.
 */
export const MISMATCH_COST = 1;

export function balanceWeight(problem: Pick<AssignmentProblem, 'bids' | 'reviewersPerBid'>): number {
  return (problem.bids.length * problem.reviewersPerBid + 1) * MISMATCH_COST;
}

/** Marginal cost of a member's k-th assigned bid (k starts at 1). */
export function loadStepCost(weight: number, k: number): number {
  return weight * (2 * k - 1);
}

export function sharesExpertise(bid: AssignmentBid, member: AssignmentMember): boolean {
  const expertise = new Set(member.expertise);
  return bid.industries.some((industry) => expertise.has(industry));
}

export function pairMismatchCost(problem: Pick<AssignmentProblem, 'useExpertise'>, bid: AssignmentBid, member: AssignmentMember): number {
  return problem.useExpertise && !sharesExpertise(bid, member) ? MISMATCH_COST : 0;
}

/**
 * The objective assignReviewers minimises, for any list of pairs (e.g. a manual swap). Pairs are counted as given;
 * a pair naming an unknown bid or member still loads its member and, under useExpertise, counts as a mismatch,
 * since nothing is known to overlap.
 */
export function assignmentCost(problem: AssignmentProblem, pairs: AssignmentPair[]): number {
  const bids = new Map(problem.bids.map((bid) => [bid.id, bid]));
  const members = new Map(problem.members.map((member) => [member.id, member]));
  const loads = new Map<string, number>();
  let mismatches = 0;
  for (const pair of pairs) {
    loads.set(pair.memberId, (loads.get(pair.memberId) ?? 0) + 1);
    const bid = bids.get(pair.bidId);
    const member = members.get(pair.memberId);
    if (problem.useExpertise && (!bid || !member || !sharesExpertise(bid, member))) mismatches++;
  }
  let squares = 0;
  for (const load of loads.values()) squares += load * load;
  return balanceWeight(problem) * squares + MISMATCH_COST * mismatches;
}
