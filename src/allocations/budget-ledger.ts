import type { AllocationBid, AllocationInput, BudgetLimit } from './allocation.types';
import { sumKopecks } from './split';

const bilingual = (ru: string, en: string) => ({ ru, en });

/** A limit's name in both languages, for reasons and errors. */
export function limitName(limit: BudgetLimit): { ru: string; en: string } {
  switch (limit.kind) {
    case 'total':
      return bilingual('общий бюджет', 'the total budget');
    case 'year':
      return bilingual(`бюджет ${limit.year} года`, `the ${limit.year} budget`);
    case 'cluster':
      return bilingual(`лимит на кластер ${limit.clusterId}`, `the cap for cluster ${limit.clusterId}`);
    case 'region':
      return bilingual(`лимит на регион ${limit.region}`, `the cap for region ${limit.region}`);
  }
}

/** Limits a bid is under: the total, each of its years (with year budgets), its cluster and its region (when capped). */
export function limitsOf(bid: AllocationBid, years: Map<number, bigint>, input: AllocationInput): BudgetLimit[] {
  return [
    { kind: 'total' },
    ...(input.yearBudgetsKopecks ? [...years.keys()].map((year) => ({ kind: 'year' as const, year })) : []),
    ...(input.perClusterCapKopecks === null ? [] : [{ kind: 'cluster' as const, clusterId: bid.clusterId }]),
    ...(input.perRegionCapKopecks === null ? [] : [{ kind: 'region' as const, region: bid.region }]),
  ];
}

/** A limit before anything is spent; a year missing from the year budgets has no money. */
export function fullRoom(limit: BudgetLimit, input: AllocationInput): bigint {
  switch (limit.kind) {
    case 'total':
      return input.budgetKopecks;
    case 'year':
      return input.yearBudgetsKopecks?.[limit.year] ?? 0n;
    case 'cluster':
      return input.perClusterCapKopecks!;
    case 'region':
      return input.perRegionCapKopecks!;
  }
}

/** How much of an amount, split by year, counts against a limit. */
export const countedUnder = (limit: BudgetLimit, years: Map<number, bigint>) =>
  limit.kind === 'year' ? (years.get(limit.year) ?? 0n) : sumKopecks(years.values());

/** The room left under every limit, spent as bids are funded in rank order; keyed by the limit as JSON. */
export class Ledger {
  private readonly spent = new Map<string, bigint>();
  constructor(private readonly input: AllocationInput) {}

  room(limit: BudgetLimit): bigint {
    return fullRoom(limit, this.input) - (this.spent.get(JSON.stringify(limit)) ?? 0n);
  }

  /** The first limit (total, years ascending, cluster, region) the amounts would overrun, with what they need there. */
  firstOverrun(
    prepared: { limits: BudgetLimit[] },
    years: Map<number, bigint>,
  ): { limit: BudgetLimit; needed: bigint; room: bigint } | null {
    for (const limit of prepared.limits) {
      const [needed, room] = [countedUnder(limit, years), this.room(limit)];
      if (needed > room) return { limit, needed, room };
    }
    return null;
  }

  spend(prepared: { limits: BudgetLimit[] }, years: Map<number, bigint>): void {
    const overrun = this.firstOverrun(prepared, years);
    if (overrun) throw new Error(`allocation would overrun ${limitName(overrun.limit).en}: a bug in the policy`);
    for (const limit of prepared.limits) {
      const key = JSON.stringify(limit);
      this.spent.set(key, (this.spent.get(key) ?? 0n) + countedUnder(limit, years));
    }
  }
}
