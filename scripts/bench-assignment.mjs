// Reviewer assignment at the scale of a large call: 5,000 bids × 300 reviewers × 3 per bid, 5 % random conflicts,
// expertise on. Each measurement runs in a fresh child process so its peak memory is its own.
// Usage: node scripts/bench-assignment.mjs [--bids 5000] [--members 300] [--per-bid 3] [--conflicts 0.05] [--seed 7]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const flag = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const options = {
  bids: flag('bids', 5000),
  members: flag('members', 300),
  perBid: flag('per-bid', 3),
  conflicts: flag('conflicts', 0.05),
  seed: flag('seed', 7),
};
const INDUSTRIES = ['pharma', 'medtech', 'it', 'biotech', 'new-materials', 'nuclear', 'instruments', 'chemistry', 'space', 'energy'];

function randomProblem({ bids, members, perBid, conflicts, seed }) {
  const { mulberry32 } = require('../dist/src/commissions/assignment/seeded-order.js');
  const random = mulberry32(seed);
  const pick = (count) => [...new Set(Array.from({ length: count }, () => INDUSTRIES[Math.floor(random() * INDUSTRIES.length)]))];
  const id = (prefix, i) => `${prefix}-${String(i).padStart(5, '0')}`;
  const bidList = Array.from({ length: bids }, (_, i) => ({ id: id('bid', i), industries: pick(2) }));
  // Caps 40–70 (mean 55): 16,500 reviews of room for 15,000 needed — tight enough that balance has to work.
  const memberList = Array.from({ length: members }, (_, i) => ({
    id: id('member', i),
    loadCap: 40 + Math.floor(random() * 31),
    expertise: pick(3),
  }));
  const conflictList = [];
  for (const bid of bidList)
    for (const member of memberList) if (random() < conflicts) conflictList.push({ bidId: bid.id, memberId: member.id });
  return { bids: bidList, members: memberList, reviewersPerBid: perBid, conflicts: conflictList, useExpertise: true, seed };
}

/** Σ load² is least when loads are as equal as the caps allow (water-filling), whatever the conflicts. */
function balanceLowerBound(problem) {
  const caps = problem.members.map((member) => member.loadCap).sort((a, b) => a - b);
  let left = problem.bids.length * problem.reviewersPerBid;
  let squares = 0;
  caps.forEach((cap, i) => {
    const share = Math.ceil(left / (caps.length - i));
    const load = Math.min(cap, share, left);
    squares += load * load;
    left -= load;
  });
  return squares;
}

/** A bid with fewer than r conflict-free experts must take at least the shortfall in non-experts. */
function mismatchLowerBound(problem) {
  const conflicted = new Set(problem.conflicts.map((pair) => `${pair.bidId}|${pair.memberId}`));
  let total = 0;
  for (const bid of problem.bids) {
    let experts = 0;
    for (const member of problem.members)
      if (!conflicted.has(`${bid.id}|${member.id}`) && member.expertise.some((e) => bid.industries.includes(e))) experts++;
    total += Math.max(0, problem.reviewersPerBid - experts);
  }
  return total;
}

/** The obvious alternative: each bid in turn takes the least-loaded allowed members, experts first among equals. */
function greedy(problem) {
  const conflicted = new Set(problem.conflicts.map((pair) => `${pair.bidId}|${pair.memberId}`));
  const load = new Map(problem.members.map((member) => [member.id, 0]));
  const pairs = [];
  for (const bid of problem.bids) {
    const allowed = problem.members
      .filter((member) => !conflicted.has(`${bid.id}|${member.id}`) && load.get(member.id) < member.loadCap)
      .map((member) => ({ member, rank: load.get(member.id) * 2 + (member.expertise.some((e) => bid.industries.includes(e)) ? 0 : 1) }))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, problem.reviewersPerBid);
    if (allowed.length < problem.reviewersPerBid) return null;
    for (const { member } of allowed) {
      load.set(member.id, load.get(member.id) + 1);
      pairs.push({ bidId: bid.id, memberId: member.id });
    }
  }
  return pairs;
}

function child(kind) {
  const problem = randomProblem(options);
  global.gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  let result;
  if (kind === 'solver') {
    const { assignReviewers } = require('../dist/src/commissions/assignment/assignment.js');
    result = assignReviewers(problem);
  } else {
    result = { feasible: true, pairs: greedy(problem) };
    if (!result.pairs) result = { feasible: false };
  }
  const elapsed = performance.now() - t0;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const { assignmentCost, balanceWeight } = require('../dist/src/commissions/assignment/cost-model.js');
  const cost = result.feasible ? assignmentCost(problem, result.pairs) : null;
  const out = {
    kind,
    elapsed,
    peakRssMb,
    problemHeapMb: before.heapUsed / 2 ** 20,
    feasible: result.feasible,
    cost,
    weight: balanceWeight(problem),
    pairs: result.feasible ? result.pairs.length : 0,
    conflicts: problem.conflicts.length,
  };
  if (kind === 'solver') {
    out.lowerBound = balanceWeight(problem) * balanceLowerBound(problem) + mismatchLowerBound(problem);
    out.certificate = certificate(problem);
  }
  process.stdout.write(JSON.stringify(out));
}

/** Re-solves on the same network and counts residual edges with negative reduced cost: 0 proves optimality. */
function certificate(problem) {
  const { indexProblem } = require('../dist/src/commissions/assignment/problem-index.js');
  const { buildNetwork } = require('../dist/src/commissions/assignment/network.js');
  const { mulberry32 } = require('../dist/src/commissions/assignment/seeded-order.js');
  const network = buildNetwork(indexProblem(problem), mulberry32(problem.seed));
  network.graph.run(network.source, network.sink);
  return { edges: network.graph.edges, negativeReducedEdges: network.graph.negativeReducedEdges() };
}

function measure(kind) {
  const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', kind, ...process.argv.slice(2).filter((a) => a !== '--child')];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${kind} run failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

export function assignmentBenchmark() {
  const { bids, members, perBid, conflicts } = options;
  console.log(
    `instance: ${bids} bids × ${members} reviewers × ${perBid} per bid, ${(conflicts * 100).toFixed(0)} % random conflicts, caps 40–70, expertise on`,
  );
  const solver = measure('solver');
  const baseline = measure('greedy');
  const s = (value) => `${(value / 1000).toFixed(2)} s`;
  console.log(
    `min-cost flow (ours):  ${s(solver.elapsed)}, peak RSS ${solver.peakRssMb.toFixed(0)} MB, ${solver.pairs} pairs, cost ${solver.cost}`,
  );
  console.log(
    `  optimality: ${solver.certificate.negativeReducedEdges} of ${solver.certificate.edges} residual edges with negative reduced cost ` +
      `(0 = proven optimal); lower bound ${solver.lowerBound}, cost / bound = ${(solver.cost / solver.lowerBound).toFixed(6)}`,
  );
  if (baseline.feasible) {
    console.log(`greedy baseline:       ${s(baseline.elapsed)}, peak RSS ${baseline.peakRssMb.toFixed(0)} MB, cost ${baseline.cost}`);
    console.log(
      `  ratio greedy cost / optimum = ${(baseline.cost / solver.cost).toFixed(4)} ` +
        `(Σ load² ${Math.floor(baseline.cost / baseline.weight)} vs ${Math.floor(solver.cost / solver.weight)}, ` +
        `reviews outside the reviewer's expertise ${baseline.cost % baseline.weight} vs ${solver.cost % solver.weight}); ` +
        `time ratio ours / greedy = ${(solver.elapsed / baseline.elapsed).toFixed(1)}x`,
    );
  } else console.log('greedy baseline:       no valid assignment found (ran out of allowed members), while the optimum exists');
}

if (process.argv.includes('--child')) child(process.argv[process.argv.indexOf('--child') + 1]);
else if (process.argv[1] === fileURLToPath(import.meta.url)) assignmentBenchmark();
