import { countingProblems, keepProblems, minCutProblem } from './assignment-diagnosis';
import { assignmentCost } from './cost-model';
import { buildNetwork, chosenPairs } from './network';
import { comparePairs, indexProblem, IndexedProblem } from './problem-index';
import { mulberry32 } from './seeded-order';
import type { AssignmentPair, AssignmentProblem, AssignmentResult } from './types';

/**
 * Gives every bid exactly reviewersPerBid distinct members — never a conflicted one, never above a load cap — at the
 * minimum cost of the model in cost-model.ts (balance first, then expertise). Solved exactly as a min-cost max-flow,
 * so it fails only when no valid assignment exists, and then says which constraint makes it impossible.
 * Throws on programming errors: duplicate ids, negative or fractional counts, kept pairs naming unknown ids.
 */
export function assignReviewers(problem: AssignmentProblem): AssignmentResult {
  const index = indexProblem(problem);
  const keepReasons = keepProblems(index);
  if (keepReasons.length > 0) return { feasible: false, reasons: keepReasons };
  const countingReasons = countingProblems(index);
  if (countingReasons.length > 0) return { feasible: false, reasons: countingReasons };
  const network = buildNetwork(index, mulberry32(problem.seed));
  const { flow } = network.graph.run(network.source, network.sink);
  if (flow < network.demand) return { feasible: false, reasons: [minCutProblem(index, network)] };
  const pairs = [...index.keep, ...chosenPairs(network)].sort(comparePairs);
  return { feasible: true, pairs, cost: assignmentCost(problem, pairs), loads: loadsOf(index, pairs) };
}

/**
 * Every member appears, idle ones with 0, in id order so the record serialises the same way each time
 * (built with fromEntries so even an id like "__proto__" becomes an ordinary key).
 */
function loadsOf(index: IndexedProblem, pairs: AssignmentPair[]): Record<string, number> {
  const loads = new Map(index.members.map((member) => [member.id, 0]));
  for (const pair of pairs) loads.set(pair.memberId, (loads.get(pair.memberId) ?? 0) + 1);
  return Object.fromEntries(loads);
}
