import { balanceWeight, loadStepCost, pairMismatchCost } from './cost-model';
import { MinCostFlow } from './min-cost-flow';
import { IndexedProblem, isConflict, keptCount, keptLoad } from './problem-index';
import { seededShuffle } from './seeded-order';
import type { AssignmentBid, AssignmentMember, AssignmentPair } from './types';

/**
 * source ─(bid's missing reviewers, 0)→ bid ─(1, mismatch cost)→ member ─(1 each, BALANCE × (2k − 1))→ sink
 *
 * One bid→member edge per allowed pair (no conflict, not already kept), so a unit of flow is one review. The
 * member→sink edges are parallel unit edges for the member's k-th review, k counting kept pairs first.
 */
export interface AssignmentNetwork {
  graph: MinCostFlow;
  source: number;
  sink: number;
  demand: number;
  bidNodes: Map<string, number>;
  /** Parallel columns, one entry per allowed pair: millions of them for a large commission, so no object each. */
  candidates: { edge: number[]; bid: AssignmentBid[]; member: AssignmentMember[] };
}

const SOURCE = 0;
const SINK = 1;

/** Node and edge order come from the seeded shuffle, so the seed alone decides which equal-cost optimum is found. */
export function buildNetwork(index: IndexedProblem, random: () => number): AssignmentNetwork {
  const bids = seededShuffle(index.bids, random);
  const members = seededShuffle(index.members, random);
  const graph = new MinCostFlow(2 + bids.length + members.length);
  const bidNodes = new Map(bids.map((bid, i) => [bid.id, 2 + i]));
  const memberNodes = new Map(members.map((member, i) => [member.id, 2 + bids.length + i]));
  const candidates: AssignmentNetwork['candidates'] = { edge: [], bid: [], member: [] };
  const network: AssignmentNetwork = { graph, source: SOURCE, sink: SINK, demand: 0, bidNodes, candidates };
  const adjacentBids = new Map(members.map((member) => [member.id, 0]));
  for (const bid of bids) {
    const missing = missingReviewers(index, bid.id);
    network.demand += missing;
    graph.addEdge(SOURCE, bidNodes.get(bid.id) as number, missing, 0);
    for (const member of seededShuffle(members, random)) {
      if (!isCandidate(index, bid, member)) continue;
      const edge = graph.addEdge(
        bidNodes.get(bid.id) as number,
        memberNodes.get(member.id) as number,
        1,
        pairMismatchCost(index.problem, bid, member),
      );
      candidates.edge.push(edge);
      candidates.bid.push(bid);
      candidates.member.push(member);
      adjacentBids.set(member.id, (adjacentBids.get(member.id) as number) + 1);
    }
  }
  for (const member of members)
    addLoadSteps(index, network, memberNodes.get(member.id) as number, member, adjacentBids.get(member.id) as number);
  return network;
}

export function missingReviewers(index: IndexedProblem, bidId: string): number {
  return Math.max(0, index.problem.reviewersPerBid - keptCount(index, bidId));
}

export function remainingCap(index: IndexedProblem, member: AssignmentMember): number {
  return Math.max(0, member.loadCap - keptLoad(index, member.id));
}

/** A pair the solver may add: allowed, not already kept, and the member still has room. */
export function isCandidate(index: IndexedProblem, bid: AssignmentBid, member: AssignmentMember): boolean {
  if (isConflict(index, bid.id, member.id) || remainingCap(index, member) === 0) return false;
  return !(index.keptMembersByBid.get(bid.id)?.has(member.id) ?? false);
}

/** Unit edges for the member's next reviews; more than its candidate bids could never carry flow. */
function addLoadSteps(
  index: IndexedProblem,
  network: AssignmentNetwork,
  node: number,
  member: AssignmentMember,
  adjacentBids: number,
): void {
  const weight = balanceWeight(index.problem);
  const steps = Math.min(remainingCap(index, member), adjacentBids);
  const alreadyKept = keptLoad(index, member.id);
  for (let step = 1; step <= steps; step++) network.graph.addEdge(node, network.sink, 1, loadStepCost(weight, alreadyKept + step));
}

/** The pairs the flow chose (kept pairs not included). */
export function chosenPairs(network: AssignmentNetwork): AssignmentPair[] {
  const { edge, bid, member } = network.candidates;
  const pairs: AssignmentPair[] = [];
  for (let i = 0; i < edge.length; i++) if (network.graph.flowOn(edge[i]) > 0) pairs.push({ bidId: bid[i].id, memberId: member[i].id });
  return pairs;
}
