import {
  AssignmentBid,
  AssignmentMember,
  AssignmentPair,
  AssignmentProblem,
  AssignmentResult,
  assignmentCost,
  assignmentViolations,
  assignReviewers,
  balanceWeight,
  Infeasibility,
} from './assignment';

type Solved = Extract<AssignmentResult, { feasible: true }>;

const bid = (id: string, ...industries: string[]): AssignmentBid => ({ id, industries });
const member = (id: string, loadCap: number, ...expertise: string[]): AssignmentMember => ({ id, loadCap, expertise });
const pair = (bidId: string, memberId: string): AssignmentPair => ({ bidId, memberId });
const problemOf = (overrides: Partial<AssignmentProblem>): AssignmentProblem => ({
  bids: [],
  members: [],
  reviewersPerBid: 1,
  conflicts: [],
  useExpertise: false,
  seed: 1,
  ...overrides,
});
const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

function solved(problem: AssignmentProblem): Solved {
  const result = assignReviewers(problem);
  if (!result.feasible) throw new Error(`expected a feasible assignment, got ${JSON.stringify(result.reasons)}`);
  return result;
}

function failed(problem: AssignmentProblem): Infeasibility[] {
  const result = assignReviewers(problem);
  if (result.feasible) throw new Error(`expected infeasibility, got ${JSON.stringify(result.pairs)}`);
  return result.reasons;
}

const membersOf = (result: Solved, bidId: string): string[] => result.pairs.filter((p) => p.bidId === bidId).map((p) => p.memberId);
const spread = (loads: Record<string, number>): number => Math.max(...Object.values(loads)) - Math.min(...Object.values(loads));

describe('assignReviewers: feasible instances', () => {
  it('gives each bid the requested number of distinct members, sorted by bid then member', () => {
    const problem = problemOf({
      bids: [bid('b2'), bid('b1')],
      members: [member('m3', 2), member('m1', 2), member('m2', 2)],
      reviewersPerBid: 2,
    });
    const result = solved(problem);
    expect(result.pairs).toHaveLength(4);
    expect(new Set(membersOf(result, 'b1')).size).toBe(2);
    expect(new Set(membersOf(result, 'b2')).size).toBe(2);
    expect(result.pairs).toEqual([...result.pairs].sort((a, b) => a.bidId.localeCompare(b.bidId) || a.memberId.localeCompare(b.memberId)));
    expect(Object.values(result.loads).reduce((a, b) => a + b, 0)).toBe(4);
    expect(result.cost).toBe(assignmentCost(problem, result.pairs));
    expect(assignmentViolations(problem, result.pairs)).toEqual([]);
  });

  it('treats zero bids as trivially feasible', () => {
    expect(assignReviewers(problemOf({ members: [member('m1', 3)], reviewersPerBid: 3 }))).toEqual({
      feasible: true,
      pairs: [],
      cost: 0,
      loads: { m1: 0 },
    });
  });

  it('never assigns a conflicted member', () => {
    const conflicts = [pair('b1', 'm1'), pair('b2', 'm2'), pair('b3', 'm3')];
    const problem = problemOf({
      bids: [bid('b1'), bid('b2'), bid('b3')],
      members: [member('m1', 3), member('m2', 3), member('m3', 3)],
      reviewersPerBid: 2,
      conflicts,
    });
    const result = solved(problem);
    expect(membersOf(result, 'b1')).toEqual(['m2', 'm3']);
    expect(membersOf(result, 'b2')).toEqual(['m1', 'm3']);
    expect(membersOf(result, 'b3')).toEqual(['m1', 'm2']);
  });

  it('respects load caps even when that leaves loads uneven', () => {
    const members = [member('m1', 1), member('m2', 0), member('m3', 10)];
    const result = solved(problemOf({ bids: ids('b', 6).map((id) => bid(id)), members, reviewersPerBid: 1 }));
    expect(result.loads).toEqual({ m1: 1, m2: 0, m3: 5 });
  });

  it('finds the assignment a greedy first-fit pass would miss', () => {
    // Greedy in id order gives b1 to m1 and then has nobody left for b2.
    const problem = problemOf({ bids: [bid('b1'), bid('b2')], members: [member('m1', 1), member('m2', 1)], conflicts: [pair('b2', 'm2')] });
    for (const seed of [1, 2, 3, 4, 5]) expect(solved({ ...problem, seed }).pairs).toEqual([pair('b1', 'm2'), pair('b2', 'm1')]);
  });

  it('balances loads to within one review when caps allow', () => {
    const bids = ids('b', 31).map((id) => bid(id));
    const members = ids('m', 7).map((id) => member(id, 31));
    const result = solved(problemOf({ bids, members, reviewersPerBid: 3 }));
    expect(spread(result.loads)).toBeLessThanOrEqual(1);
    expect(Object.values(result.loads).sort()).toEqual([13, 13, 13, 13, 13, 14, 14]);
  });

  it('prefers members whose expertise overlaps the bid when useExpertise is on', () => {
    const bids = [bid('b1', 'bio'), bid('b2', 'it', 'energy'), bid('b3', 'space')];
    const members = [member('m1', 1, 'energy'), member('m2', 1, 'bio', 'agro'), member('m3', 1, 'space')];
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const result = solved(problemOf({ bids, members, useExpertise: true, seed }));
      expect(result.pairs).toEqual([pair('b1', 'm2'), pair('b2', 'm1'), pair('b3', 'm3')]);
      expect(result.cost).toBe(3 * balanceWeight({ bids, reviewersPerBid: 1 }));
    }
  });

  it('lets balance outweigh expertise', () => {
    const problem = problemOf({
      bids: [bid('b1', 'bio'), bid('b2', 'bio')],
      members: [member('expert', 2, 'bio'), member('novice', 2)],
      useExpertise: true,
    });
    const result = solved(problem);
    expect(result.loads).toEqual({ expert: 1, novice: 1 });
    expect(result.cost).toBe(2 * balanceWeight(problem) + 1);
  });
});

describe('assignReviewers: determinism', () => {
  const bids = ids('b', 8).map((id, i) => bid(id, i % 2 ? 'bio' : 'it'));
  const members = ids('m', 6).map((id, i) => member(id, 5, i % 3 ? 'bio' : 'it'));
  const base = problemOf({
    bids,
    members,
    reviewersPerBid: 2,
    conflicts: [pair('b000', 'm001'), pair('b003', 'm004')],
    keep: [pair('b002', 'm005')],
    useExpertise: true,
    seed: 42,
  });

  it('returns the same result for the same input and seed', () => {
    expect(assignReviewers(base)).toEqual(assignReviewers(structuredClone(base)));
  });

  it('returns the same result whatever order the input arrays come in', () => {
    const reversed: AssignmentProblem = {
      ...base,
      bids: [...bids].reverse().map((b) => ({ ...b, industries: [...b.industries].reverse() })),
      members: [...members.slice(3), ...members.slice(0, 3)],
      conflicts: [...base.conflicts].reverse(),
    };
    expect(assignReviewers(reversed)).toEqual(assignReviewers(base));
  });

  it('uses the seed only to choose among equally cheap assignments', () => {
    const symmetric = problemOf({ bids: ids('b', 4).map((id) => bid(id)), members: ids('m', 4).map((id) => member(id, 1)) });
    const results = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((seed) => solved({ ...symmetric, seed }));
    expect(new Set(results.map((r) => r.cost)).size).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r.pairs))).size).toBeGreaterThan(1);
  });
});

describe('assignReviewers: kept pairs', () => {
  const bids = ids('b', 4).map((id) => bid(id));
  const members = ids('m', 4).map((id) => member(id, 2));

  it('keeps them and counts them toward loads and reviewer counts', () => {
    const keep = [pair('b000', 'm000'), pair('b001', 'm000')];
    const problem = problemOf({ bids, members, reviewersPerBid: 2, keep });
    const result = solved(problem);
    expect(result.pairs).toEqual(expect.arrayContaining(keep));
    expect(result.loads).toEqual({ m000: 2, m001: 2, m002: 2, m003: 2 });
    expect(assignmentViolations(problem, result.pairs)).toEqual([]);
  });

  it('reports a kept pair that is a conflict, exceeds a cap or overfills a bid', () => {
    const keep = [pair('b000', 'm000'), pair('b001', 'm000'), pair('b002', 'm000'), pair('b003', 'm001'), pair('b003', 'm002')];
    const reasons = failed(problemOf({ bids, members, reviewersPerBid: 1, keep, conflicts: [pair('b003', 'm001')] }));
    expect(reasons.map((r) => r.message)).toEqual([
      'member m001 is kept on bid b003 but has a conflict with it',
      'member m000 is kept on 3 bids (b000, b001, b002) but its load cap is 2',
      'bid b003 keeps 2 reviewers (m001, m002) but a bid takes only 1 reviewer',
    ]);
    expect(reasons.map((r) => r.code)).toEqual(['KEPT_PAIR_CONFLICT', 'KEPT_OVER_CAPACITY', 'KEPT_TOO_MANY_REVIEWERS']);
  });
});

describe('assignReviewers: infeasibility explained', () => {
  it('names a bid with too few non-conflicted members', () => {
    const members = [member('m1', 5), member('m2', 5), member('m3', 5), member('m4', 0)];
    const reasons = failed(problemOf({ bids: [bid('b1'), bid('b2')], members, reviewersPerBid: 3, conflicts: [pair('b1', 'm3')] }));
    expect(reasons).toEqual([
      {
        code: 'BID_TOO_FEW_REVIEWERS',
        message: 'bid b1 has only 2 reviewers without conflict; 3 needed',
        bidIds: ['b1'],
        memberIds: ['m1', 'm2'],
        needed: 3,
        available: 2,
      },
    ]);
  });

  it('names every bid when more reviewers are asked for than the commission has', () => {
    const reasons = failed(problemOf({ bids: [bid('b1'), bid('b2')], members: [member('m1', 9), member('m2', 9)], reviewersPerBid: 3 }));
    expect(reasons.map((r) => [r.code, r.bidIds])).toEqual([
      ['BID_TOO_FEW_REVIEWERS', ['b1']],
      ['BID_TOO_FEW_REVIEWERS', ['b2']],
    ]);
  });

  it('reports total capacity below what the bids need', () => {
    const reasons = failed(
      problemOf({ bids: ids('b', 5).map((id) => bid(id)), members: [member('m1', 3), member('m2', 4)], reviewersPerBid: 2 }),
    );
    expect(reasons).toEqual([expect.objectContaining({ code: 'CAPACITY_TOO_SMALL', needed: 10, available: 7 })]);
    expect(reasons[0].message).toBe("the members' load caps add up to 7 reviews, but 5 bids × 2 reviewers need 10");
  });

  it('finds the group of bids whose allowed members cannot cover them', () => {
    const conflicts = ['A', 'B', 'C'].flatMap((b) => [pair(b, 'm3'), pair(b, 'm4')]);
    const members = [member('m1', 2), member('m2', 2), member('m3', 5), member('m4', 5)];
    const reasons = failed(problemOf({ bids: [bid('A'), bid('B'), bid('C'), bid('D')], members, reviewersPerBid: 2, conflicts }));
    expect(reasons).toEqual([
      {
        code: 'BIDS_TOO_FEW_REVIEWERS',
        message: 'bids A, B, C need 6 reviews but their non-conflicted members (m1, m2) can give only 4 within their caps',
        bidIds: ['A', 'B', 'C'],
        memberIds: ['m1', 'm2'],
        needed: 6,
        available: 4,
      },
    ]);
  });

  it('throws on duplicate ids and other programming errors', () => {
    expect(() => assignReviewers(problemOf({ bids: [bid('b1'), bid('b1')] }))).toThrow('duplicate bid id b1');
    expect(() => assignReviewers(problemOf({ members: [member('m1', 1), member('m1', 2)] }))).toThrow('duplicate member id m1');
    expect(() => assignReviewers(problemOf({ bids: [bid('b1')], keep: [pair('b1', 'ghost')] }))).toThrow('unknown member ghost');
    expect(() => assignReviewers(problemOf({ reviewersPerBid: -1 }))).toThrow('reviewersPerBid');
    expect(() => assignReviewers(problemOf({ members: [member('m1', 1.5)] }))).toThrow('loadCap of member m1');
  });
});

describe('assignmentViolations', () => {
  const problem = problemOf({
    bids: [bid('b1'), bid('b2')],
    members: [member('m1', 1), member('m2', 2), member('m3', 2)],
    reviewersPerBid: 2,
    conflicts: [pair('b2', 'm3')],
    keep: [pair('b1', 'm3')],
  });

  it('accepts a valid assignment', () => {
    expect(assignmentViolations(problem, [pair('b1', 'm2'), pair('b1', 'm3'), pair('b2', 'm1'), pair('b2', 'm2')])).toEqual([]);
  });

  it('finds every broken rule', () => {
    const pairs = [pair('b1', 'm1'), pair('b2', 'm1'), pair('b2', 'm1'), pair('b2', 'm3'), pair('b9', 'm2'), pair('b1', 'm9')];
    expect(assignmentViolations(problem, pairs)).toEqual([
      { code: 'DUPLICATE_PAIR', message: 'member m1 is assigned to bid b2 more than once', bidId: 'b2', memberId: 'm1' },
      { code: 'CONFLICT', message: 'member m3 has a conflict with bid b2', bidId: 'b2', memberId: 'm3' },
      { code: 'UNKNOWN_BID', message: 'bid b9 is not among the bids to assign', bidId: 'b9', memberId: 'm2' },
      { code: 'UNKNOWN_MEMBER', message: 'member m9 is not on the commission', bidId: 'b1', memberId: 'm9' },
      { code: 'OVER_CAPACITY', message: 'member m1 has 2 bids but a load cap of 1', memberId: 'm1' },
      { code: 'WRONG_REVIEWER_COUNT', message: 'bid b1 has 1 reviewer; 2 needed', bidId: 'b1' },
      { code: 'KEPT_PAIR_REMOVED', message: 'member m3 must stay on bid b1 but is missing', bidId: 'b1', memberId: 'm3' },
    ]);
  });
});

describe('assignmentCost', () => {
  it('charges BALANCE per squared load plus one per expertise mismatch', () => {
    const problem = problemOf({
      bids: [bid('b1', 'it'), bid('b2', 'bio')],
      members: [member('m1', 2, 'it'), member('m2', 2)],
      useExpertise: true,
    });
    expect(balanceWeight(problem)).toBe(3);
    expect(assignmentCost(problem, [pair('b1', 'm1'), pair('b2', 'm1')])).toBe(3 * 4 + 1);
    expect(assignmentCost(problem, [pair('b1', 'm1'), pair('b2', 'm2')])).toBe(3 * 2 + 1);
    expect(assignmentCost({ ...problem, useExpertise: false }, [pair('b1', 'm2'), pair('b2', 'm2')])).toBe(3 * 4);
  });
});

describe('assignReviewers: size', () => {
  // How fast is a benchmark's question (npm run bench), never a timed assertion here.
  it('solves 300 bids × 40 members × 3 reviewers with balanced loads', () => {
    const industries = ['it', 'bio', 'energy', 'agro', 'space'];
    const bids = ids('b', 300).map((id, i) => bid(id, industries[i % 5]));
    const members = ids('m', 40).map((id, i) => member(id, 30, industries[i % 5], industries[(i * 3 + 1) % 5]));
    const conflicts = bids.flatMap((b, i) => members.filter((_, j) => (i * 7 + j * 13) % 11 === 0).map((m) => pair(b.id, m.id)));
    const problem = problemOf({ bids, members, reviewersPerBid: 3, conflicts, useExpertise: true });
    const result = solved(problem);
    expect(assignmentViolations(problem, result.pairs)).toEqual([]);
    expect(spread(result.loads)).toBeLessThanOrEqual(1);
  });
});
