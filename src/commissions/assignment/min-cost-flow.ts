import { MinHeap } from './min-heap';

export interface FlowOutcome {
  flow: number;
  cost: number;
}

/**
 * Min-cost flow by successive shortest paths, each found with Dijkstra on reduced costs (Johnson potentials).
 * Edges must be added with non-negative integer costs, so the all-zero potential is valid at the start; after each
 * search the distances become the new potentials, which keeps every residual reduced cost non-negative. Because
 * each augmentation follows a cheapest path, the flow after k units is a cheapest k-unit flow — the property that
 * makes convex per-unit costs (parallel edges of rising cost) come out balanced.
 */
export class MinCostFlow {
  private readonly head: number[];
  private readonly next: number[] = [];
  private readonly target: number[] = [];
  private readonly residual: number[] = [];
  private readonly cost: number[] = [];
  /** Kept between runs: once flow has moved, reverse edges cost less than zero and only these potentials fix that. */
  private readonly potential: number[];
  private started = false;

  constructor(readonly nodeCount: number) {
    this.head = new Array<number>(nodeCount).fill(-1);
    this.potential = new Array<number>(nodeCount).fill(0);
  }

  /** Returns the edge id; its reverse (residual) twin is id ^ 1. */
  addEdge(from: number, to: number, capacity: number, cost: number): number {
    if (this.started) throw new Error('add every edge before the first run: the potentials only cover edges that existed');
    if (!Number.isInteger(cost) || cost < 0) throw new Error(`edge cost must be a non-negative integer, got ${cost}`);
    if (!Number.isInteger(capacity) || capacity < 0) throw new Error(`edge capacity must be a non-negative integer, got ${capacity}`);
    const id = this.target.length;
    this.link(from, to, capacity, cost);
    this.link(to, from, 0, -cost);
    return id;
  }

  /** Units currently sent along an edge returned by addEdge. */
  flowOn(edge: number): number {
    return this.residual[edge ^ 1];
  }

  /** Sends as much flow as possible (at most `limit`) from source to sink at minimum cost. */
  run(source: number, sink: number, limit = Number.POSITIVE_INFINITY): FlowOutcome {
    this.started = true;
    const outcome: FlowOutcome = { flow: 0, cost: 0 };
    while (outcome.flow < limit) {
      const parentEdge = this.cheapestPaths(source, sink);
      if (parentEdge[sink] === -1) break;
      const units = Math.min(limit - outcome.flow, this.bottleneck(parentEdge, source, sink));
      outcome.cost += units * this.augment(parentEdge, source, sink, units);
      outcome.flow += units;
    }
    return outcome;
  }

  /** Nodes reachable from `from` through edges with spare residual capacity: the source side of a minimum cut. */
  residualReachable(from: number): boolean[] {
    const seen = new Array<boolean>(this.nodeCount).fill(false);
    const stack = [from];
    seen[from] = true;
    while (stack.length > 0) {
      const node = stack.pop() as number;
      for (let edge = this.head[node]; edge !== -1; edge = this.next[edge]) {
        const to = this.target[edge];
        if (this.residual[edge] > 0 && !seen[to]) {
          seen[to] = true;
          stack.push(to);
        }
      }
    }
    return seen;
  }

  private link(from: number, to: number, capacity: number, cost: number): void {
    this.target.push(to);
    this.residual.push(capacity);
    this.cost.push(cost);
    this.next.push(this.head[from]);
    this.head[from] = this.target.length - 1;
  }

  /**
   * Dijkstra on reduced costs, stopped once the sink is settled; updates the potentials and returns each
   * node's incoming tree edge (-1: none). Nodes not settled get the sink's distance instead of their own: their true
   * distance is at least that, and capping every distance at the sink's keeps all reduced costs non-negative.
   */
  private cheapestPaths(source: number, sink: number): number[] {
    const potential = this.potential;
    const distance = new Array<number>(this.nodeCount).fill(Number.POSITIVE_INFINITY);
    const parentEdge = new Array<number>(this.nodeCount).fill(-1);
    const heap = new MinHeap();
    distance[source] = 0;
    heap.push(0, source);
    while (heap.size > 0) {
      const { key, value: node } = heap.pop();
      if (key > distance[node]) continue;
      if (node === sink) break;
      for (let edge = this.head[node]; edge !== -1; edge = this.next[edge]) {
        if (this.residual[edge] === 0) continue;
        const to = this.target[edge];
        const candidate = key + this.cost[edge] + potential[node] - potential[to];
        if (candidate < distance[to]) {
          distance[to] = candidate;
          parentEdge[to] = edge;
          heap.push(candidate, to);
        }
      }
    }
    const reach = distance[sink];
    if (reach < Number.POSITIVE_INFINITY)
      for (let node = 0; node < this.nodeCount; node++) potential[node] += Math.min(distance[node], reach);
    return parentEdge;
  }

  private bottleneck(parentEdge: number[], source: number, sink: number): number {
    let units = Number.POSITIVE_INFINITY;
    for (let node = sink; node !== source; node = this.target[parentEdge[node] ^ 1])
      units = Math.min(units, this.residual[parentEdge[node]]);
    return units;
  }

  /** Pushes `units` along the tree path and returns the path's (unreduced) cost per unit. */
  private augment(parentEdge: number[], source: number, sink: number, units: number): number {
    let unitCost = 0;
    for (let node = sink; node !== source; node = this.target[parentEdge[node] ^ 1]) {
      const edge = parentEdge[node];
      this.residual[edge] -= units;
      this.residual[edge ^ 1] += units;
      unitCost += this.cost[edge];
    }
    return unitCost;
  }
}
