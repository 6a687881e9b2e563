import fc from 'fast-check';
import { assignReviewers } from './assignment';
import { assignmentCost, balanceWeight, loadStepCost, sharesExpertise } from './cost-model';
import { mulberry32, seededShuffle } from './seeded-order';
import type { AssignmentPair, AssignmentProblem, Infeasibility } from './types';
import { assignmentViolations } from './violations';

// Property tests: the solver against exhaustive search (small instances) and against a plain max-flow (larger ones).

const INDUSTRIES = ['it', 'bio', 'energy'];
const key = (bidId: string, memberId: string): string => `${bidId}|${memberId}`;

interface Shape {
  bids: number;
  members: number;
  maxCap: number;
  conflictOneIn: number;
  keepOneIn: number;
}

function problems(shape: Shape): fc.Arbitrary<AssignmentProblem> {
  const cells = shape.bids * shape.members;
  const mask = (oneIn: number) =>
    fc.array(
      fc.nat({ max: oneIn - 1 }).map((n) => n === 0),
      { minLength: cells, maxLength: cells },
    );
  return fc
    .record({
      industries: fc.array(fc.subarray(INDUSTRIES), { minLength: shape.bids, maxLength: shape.bids }),
      members: fc.array(fc.record({ loadCap: fc.nat({ max: shape.maxCap }), expertise: fc.subarray(INDUSTRIES) }), {
        minLength: shape.members,
        maxLength: shape.members,
      }),
      conflictMask: mask(shape.conflictOneIn),
      keepMask: shape.keepOneIn > 0 ? mask(shape.keepOneIn) : fc.constant([]),
      reviewersPerBid: fc.integer({ min: 1, max: 3 }),
      useExpertise: fc.boolean(),
      seed: fc.integer(),
    })
    .map(({ industries, members, conflictMask, keepMask, ...rest }) => {
      const bids = industries.map((list, i) => ({ id: `b${i}`, industries: list }));
      const named = members.map((member, j) => ({ id: `m${j}`, ...member }));
      const cellPairs = bids.flatMap((bid) => named.map((member) => ({ bidId: bid.id, memberId: member.id })));
      return {
        bids,
        members: named,
        conflicts: cellPairs.filter((_, c) => conflictMask[c]),
        keep: cellPairs.filter((_, c) => keepMask[c]),
        ...rest,
      };
    });
}

const smallProblems = fc
  .record({
    bids: fc.nat({ max: 6 }),
    members: fc.integer({ min: 1, max: 6 }),
    conflictOneIn: fc.integer({ min: 2, max: 8 }),
    keepOneIn: fc.constantFrom(0, 15),
  })
  .chain((shape) => problems({ ...shape, maxCap: 4 }));

/** Every bid keeps enough allowed members and every cap is positive, so only a group of bids can fail (Hall). */
const hallProneProblems: fc.Arbitrary<AssignmentProblem> = fc
  .record({
    bids: fc.integer({ min: 2, max: 6 }),
    members: fc.integer({ min: 2, max: 6 }),
    reviewersPerBid: fc.integer({ min: 1, max: 2 }),
  })
  .chain(({ bids, members, reviewersPerBid }) => {
    const memberIds = Array.from({ length: members }, (_, j) => `m${j}`);
    const allowedSets = fc.array(fc.subarray(memberIds, { minLength: reviewersPerBid }), { minLength: bids, maxLength: bids });
    const caps = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: members, maxLength: members });
    return fc.record({ allowedSets, caps, seed: fc.integer() }).map(({ allowedSets, caps, seed }) => ({
      bids: allowedSets.map((_, i) => ({ id: `b${i}`, industries: [] })),
      members: memberIds.map((id, j) => ({ id, loadCap: caps[j], expertise: [] })),
      reviewersPerBid,
      conflicts: allowedSets.flatMap((allowed, i) =>
        memberIds.filter((id) => !allowed.includes(id)).map((memberId) => ({ bidId: `b${i}`, memberId })),
      ),
      useExpertise: false,
      seed,
    }));
  });

const anySmallProblem = fc.oneof(smallProblems, hallProneProblems);

interface Optimum {
  cost: number;
  pairs: AssignmentPair[];
}

/** Tries every reviewer set for every bid (memoised on the load vector), pricing each review as the model says. */
function exhaustiveOptimum(problem: AssignmentProblem): Optimum | null {
  const { bids, members, reviewersPerBid } = problem;
  const conflicts = new Set(problem.conflicts.map((p) => key(p.bidId, p.memberId)));
  const kept = new Set((problem.keep ?? []).map((p) => key(p.bidId, p.memberId)));
  const sets = subsetsOfSize(members.length, reviewersPerBid);
  const memo = new Map<string, Optimum | null>();
  const best = (b: number, loads: number[]): Optimum | null => {
    if (b === bids.length) return { cost: 0, pairs: [] };
    const memoKey = `${b}:${loads.join(',')}`;
    if (memo.has(memoKey)) return memo.get(memoKey) ?? null;
    let found: Optimum | null = null;
    for (const set of sets) {
      const bid = bids[b];
      const chosen = set.map((j) => members[j]);
      const keptAll = members.every((m) => !kept.has(key(bid.id, m.id)) || chosen.includes(m));
      if (!keptAll || chosen.some((m, i) => conflicts.has(key(bid.id, m.id)) || loads[set[i]] >= m.loadCap)) continue;
      const next = loads.map((load, j) => (set.includes(j) ? load + 1 : load));
      const rest = best(b + 1, next);
      if (!rest) continue;
      const step = set.reduce((sum, j) => sum + loadStepCost(balanceWeight(problem), next[j]), 0);
      const mismatches = problem.useExpertise ? chosen.filter((m) => !sharesExpertise(bid, m)).length : 0;
      const cost = step + mismatches + rest.cost;
      if (!found || cost < found.cost) found = { cost, pairs: [...chosen.map((m) => ({ bidId: bid.id, memberId: m.id })), ...rest.pairs] };
    }
    memo.set(memoKey, found);
    return found;
  };
  return best(
    0,
    members.map(() => 0),
  );
}

function subsetsOfSize(n: number, size: number): number[][] {
  if (size === 0) return [[]];
  const result: number[][] = [];
  for (let first = 0; first + size <= n; first++) {
    for (const rest of subsetsOfSize(n - first - 1, size - 1)) result.push([first, ...rest.map((j) => j + first + 1)]);
  }
  return result;
}

/** Re-derives each reason's numbers from the problem, so a reason can never claim an impossibility that is not one. */
function claimHolds(problem: AssignmentProblem, reason: Infeasibility): boolean {
  const r = problem.reviewersPerBid;
  const conflicts = new Set(problem.conflicts.map((p) => key(p.bidId, p.memberId)));
  const keep = problem.keep ?? [];
  const keptOn = (bidId: string) => keep.filter((p) => p.bidId === bidId).length;
  const keptLoad = (memberId: string) => keep.filter((p) => p.memberId === memberId).length;
  const isKept = (bidId: string, memberId: string) => keep.some((p) => p.bidId === bidId && p.memberId === memberId);
  const mentioned = reason.bidIds.every((id) => reason.message.includes(id));
  switch (reason.code) {
    case 'BID_TOO_FEW_REVIEWERS':
      return (
        mentioned &&
        problem.members.filter((m) => m.loadCap > 0 && !conflicts.has(key(reason.bidIds[0], m.id))).length === reason.available &&
        reason.available < r
      );
    case 'CAPACITY_TOO_SMALL':
      return problem.members.reduce((s, m) => s + m.loadCap, 0) === reason.available && reason.available < problem.bids.length * r;
    case 'BIDS_TOO_FEW_REVIEWERS': {
      const needed = reason.bidIds.reduce((s, b) => s + r - keptOn(b), 0);
      const gives = problem.members.map((m) => {
        const allowed = reason.bidIds.filter((b) => !conflicts.has(key(b, m.id)) && !isKept(b, m.id)).length;
        return Math.max(0, Math.min(m.loadCap - keptLoad(m.id), allowed));
      });
      return mentioned && needed === reason.needed && gives.reduce((s, g) => s + g, 0) === reason.available && reason.available < needed;
    }
    case 'KEPT_PAIR_CONFLICT':
      return isKept(reason.bidIds[0], reason.memberIds[0]) && conflicts.has(key(reason.bidIds[0], reason.memberIds[0]));
    case 'KEPT_OVER_CAPACITY':
      return keptLoad(reason.memberIds[0]) > (problem.members.find((m) => m.id === reason.memberIds[0])?.loadCap ?? 0);
    case 'KEPT_TOO_MANY_REVIEWERS':
      return keptOn(reason.bidIds[0]) > r;
  }
}

/** Plain Edmonds–Karp on a capacity matrix: how many reviews can be placed at all, ignoring cost. */
function maxReviews(problem: AssignmentProblem): number {
  const [b, m] = [problem.bids.length, problem.members.length];
  const [source, sink, n] = [0, b + m + 1, b + m + 2];
  const capacity = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const conflicts = new Set(problem.conflicts.map((p) => key(p.bidId, p.memberId)));
  problem.bids.forEach((bid, i) => {
    capacity[source][1 + i] = problem.reviewersPerBid;
    problem.members.forEach((member, j) => (capacity[1 + i][1 + b + j] = conflicts.has(key(bid.id, member.id)) ? 0 : 1));
  });
  problem.members.forEach((member, j) => (capacity[1 + b + j][sink] = member.loadCap));
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(n).fill(-1);
    parent[source] = source;
    for (const queue = [source]; queue.length > 0 && parent[sink] === -1;) {
      const u = queue.shift() as number;
      for (let v = 0; v < n; v++) if (parent[v] === -1 && capacity[u][v] > 0) ((parent[v] = u), queue.push(v));
    }
    if (parent[sink] === -1) return flow;
    for (let v = sink; v !== source; v = parent[v]) ((capacity[parent[v]][v] -= 1), (capacity[v][parent[v]] += 1));
    flow += 1;
  }
}

describe('assignReviewers properties', () => {
  it('is feasible exactly when exhaustive search finds an assignment, and then optimal and valid', () => {
    fc.assert(
      fc.property(anySmallProblem, (problem) => {
        const result = assignReviewers(problem);
        const optimum = exhaustiveOptimum(problem);
        expect(result.feasible).toBe(optimum !== null);
        if (!result.feasible || !optimum) return;
        expect(assignmentViolations(problem, result.pairs)).toEqual([]);
        expect(assignmentCost(problem, optimum.pairs)).toBe(optimum.cost);
        expect(result.cost).toBe(assignmentCost(problem, result.pairs));
        expect(result.cost).toBe(optimum.cost);
      }),
      { numRuns: 300 },
    );
  });

  it('explains every infeasible instance with at least one reason whose numbers hold', () => {
    fc.assert(
      fc.property(anySmallProblem, (problem) => {
        const result = assignReviewers(problem);
        if (result.feasible) return;
        expect(result.reasons.length).toBeGreaterThan(0);
        for (const reason of result.reasons) expect({ reason, holds: claimHolds(problem, reason) }).toEqual({ reason, holds: true });
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result whatever order the inputs come in', () => {
    fc.assert(
      fc.property(smallProblems, fc.integer(), (problem, order) => {
        const random = mulberry32(order);
        const shuffled: AssignmentProblem = {
          ...problem,
          bids: seededShuffle(problem.bids, random).map((bid) => ({ ...bid, industries: seededShuffle(bid.industries, random) })),
          members: seededShuffle(problem.members, random),
          conflicts: seededShuffle(problem.conflicts, random),
          keep: seededShuffle(problem.keep ?? [], random),
        };
        expect(assignReviewers(shuffled)).toEqual(assignReviewers(problem));
      }),
      { numRuns: 100 },
    );
  });

  it('assigns 60 bids among 15 members whenever a plain max-flow says it can be done', () => {
    const larger = problems({ bids: 60, members: 15, maxCap: 20, conflictOneIn: 3, keepOneIn: 0 });
    fc.assert(
      fc.property(larger, (problem) => {
        const result = assignReviewers(problem);
        expect(result.feasible).toBe(maxReviews(problem) === problem.bids.length * problem.reviewersPerBid);
        if (result.feasible) expect(assignmentViolations(problem, result.pairs)).toEqual([]);
        else for (const reason of result.reasons) expect(claimHolds(problem, reason)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});
