import fc from 'fast-check';
import { MinCostFlow } from './min-cost-flow';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

describe('MinCostFlow', () => {
  it('sends the maximum flow along the cheapest routes', () => {
    // Three units fit: s→a→t (cost 2), s→a→b→t (cost 3) and s→b→t (cost 5).
    const graph = new MinCostFlow(4);
    const [s, a, b, t] = [0, 1, 2, 3];
    graph.addEdge(s, a, 2, 1);
    graph.addEdge(s, b, 1, 4);
    const aToT = graph.addEdge(a, t, 1, 1);
    graph.addEdge(a, b, 1, 1);
    const bToT = graph.addEdge(b, t, 2, 1);
    expect(graph.run(s, t)).toEqual({ flow: 3, cost: 2 + 3 + 5 });
    expect([graph.flowOn(aToT), graph.flowOn(bToT)]).toEqual([1, 2]);
  });

  it('stops at the limit, resumes correctly and exposes the source side of the cut', () => {
    const graph = new MinCostFlow(4);
    graph.addEdge(0, 1, 5, 0);
    graph.addEdge(1, 3, 2, 3);
    graph.addEdge(0, 2, 1, 0);
    graph.addEdge(2, 3, 1, 1);
    expect(graph.run(0, 3, 2)).toEqual({ flow: 2, cost: 1 + 3 });
    expect(graph.run(0, 3)).toEqual({ flow: 1, cost: 3 });
    expect(graph.residualReachable(0)).toEqual([true, true, false, false]);
  });

  it('rejects negative or fractional costs and late edges, which its potentials cannot cover', () => {
    expect(() => new MinCostFlow(2).addEdge(0, 1, 1, -1)).toThrow('non-negative integer');
    expect(() => new MinCostFlow(2).addEdge(0, 1, 1, 0.5)).toThrow('non-negative integer');
    const started = new MinCostFlow(2);
    started.run(0, 1);
    expect(() => started.addEdge(0, 1, 1, 0)).toThrow('before the first run');
  });

  it('solves the assignment problem as cheaply as trying every permutation', () => {
    const matrices = fc
      .integer({ min: 1, max: 5 })
      .chain((n) => fc.array(fc.array(fc.nat({ max: 30 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(matrices, (costs) => {
        const n = costs.length;
        const graph = new MinCostFlow(2 * n + 2);
        const [source, sink] = [2 * n, 2 * n + 1];
        for (let i = 0; i < n; i++) {
          graph.addEdge(source, i, 1, 0);
          graph.addEdge(n + i, sink, 1, 0);
          for (let j = 0; j < n; j++) graph.addEdge(i, n + j, 1, costs[i][j]);
        }
        const cheapest = Math.min(...permutations(n).map((p) => p.reduce((sum, j, i) => sum + costs[i][j], 0)));
        expect(graph.run(source, sink)).toEqual({ flow: n, cost: cheapest });
      }),
      { numRuns: 200 },
    );
  });
});

/** The textbook method, one unit at a time along a Bellman–Ford cheapest path: slow, obviously right. */
function referenceMinCostFlow(nodes: number, edges: [number, number, number, number][], source: number, sink: number) {
  const arcs = edges.flatMap(([from, to, capacity, cost]) => [
    { from, to, residual: capacity, cost },
    { from: to, to: from, residual: 0, cost: -cost },
  ]);
  let [flow, cost] = [0, 0];
  for (;;) {
    const distance = new Array<number>(nodes).fill(Number.POSITIVE_INFINITY);
    const via = new Array<number>(nodes).fill(-1);
    distance[source] = 0;
    for (let round = 0; round < nodes; round++)
      arcs.forEach((arc, i) => {
        if (arc.residual > 0 && distance[arc.from] + arc.cost < distance[arc.to])
          [distance[arc.to], via[arc.to]] = [distance[arc.from] + arc.cost, i];
      });
    if (distance[sink] === Number.POSITIVE_INFINITY) return { flow, cost };
    for (let node = sink; node !== source; node = arcs[via[node]].from) {
      arcs[via[node]].residual -= 1;
      arcs[via[node] ^ 1].residual += 1;
    }
    [flow, cost] = [flow + 1, cost + distance[sink]];
  }
}

describe('MinCostFlow against the one-unit-at-a-time reference', () => {
  it('finds the same maximum flow and minimum cost on random graphs with cycles and parallel edges, and proves it', () => {
    const graphs = fc.integer({ min: 2, max: 7 }).chain((nodes) =>
      fc.record({
        nodes: fc.constant(nodes),
        edges: fc.array(
          fc
            .tuple(fc.nat({ max: nodes - 1 }), fc.nat({ max: nodes - 1 }), fc.nat({ max: 4 }), fc.nat({ max: 9 }))
            .filter(([a, b]) => a !== b),
          { maxLength: 18 },
        ),
      }),
    );
    fc.assert(
      fc.property(graphs, ({ nodes, edges }) => {
        const graph = new MinCostFlow(nodes);
        for (const [from, to, capacity, cost] of edges) graph.addEdge(from, to, capacity, cost);
        expect(graph.run(0, nodes - 1)).toEqual(referenceMinCostFlow(nodes, edges, 0, nodes - 1));
        expect(graph.negativeReducedEdges()).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
