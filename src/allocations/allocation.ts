import { formatRoubles } from '../common/money/kopecks';
import {
  type BudgetLine,
  byYearCategorySource,
  cofinancingFor,
  cofinancingLinesFor,
  federalLinesFor,
  minKopecks,
  splitAcrossYears,
  sumKopecks,
  yearTotals,
} from './split';

import type {
  AllocatedBid,
  AllocationBid,
  AllocationInput,
  AllocationOutcome,
  AllocationReason,
  AllocationReasonCode,
  AllocationResult,
  BudgetLimit,
} from './allocation.types';
import { countedUnder, fullRoom, Ledger, limitName, limitsOf } from './budget-ledger';

export type { BudgetLine, FundingSource } from './split';
export type * from './allocation.types';

/** A bid with its request worked out: federal lines, co-financing, and the request after the per-bid cap. */
interface PreparedBid {
  bid: AllocationBid;
  federalLines: BudgetLine[];
  cofinancingLines: BudgetLine[];
  requested: bigint;
  cofinancing: bigint;
  /** The request after the per-bid cap, and its split by year. */
  base: bigint;
  baseYears: Map<number, bigint>;
  limits: BudgetLimit[];
}

interface Decision {
  status: 'full' | 'partial' | 'none';
  years: Map<number, bigint>;
  reason: AllocationReason;
}

const bilingual = (ru: string, en: string) => ({ ru, en });
const rub = (kopecks: bigint) => bilingual(formatRoubles(kopecks, 'ru'), formatRoubles(kopecks, 'en'));
const percent = (basisPoints: bigint) => `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')} %`;
const percentRu = (basisPoints: bigint) => percent(basisPoints).replace('.', ',');

const reason = (code: AllocationReasonCode, limit: BudgetLimit | null, ru: string, en: string): AllocationReason => ({
  code,
  limit,
  ru,
  en,
});

function fundedReason(prepared: PreparedBid): AllocationReason {
  const [request, base] = [rub(prepared.requested), rub(prepared.base)];
  if (prepared.base === prepared.requested) {
    return reason('FUNDED_IN_FULL', null, `Профинансирована полностью: ${request.ru}`, `Funded in full: ${request.en}`);
  }
  const ru = `Запрос ${request.ru} сокращён до предельной суммы на заявку ${base.ru}`;
  return reason('PER_BID_CAP', null, ru, `Request of ${request.en} cut to the per-bid cap of ${base.en}`);
}

const statusOf = (funded: bigint, requested: bigint): Decision['status'] =>
  funded === requested ? 'full' : funded > 0n ? 'partial' : 'none';

const decision = (prepared: PreparedBid, years: Map<number, bigint>, why: AllocationReason): Decision => ({
  status: statusOf(sumKopecks(years.values()), prepared.requested),
  years,
  reason: why,
});

const nothing = (why: AllocationReason): Decision => ({ status: 'none', years: new Map(), reason: why });

function prepare(bid: AllocationBid, input: AllocationInput): PreparedBid {
  const federalLines = bid.lines.filter((line) => line.source === 'federal');
  const cofinancingLines = bid.lines.filter((line) => line.source !== 'federal');
  const requested = sumKopecks(federalLines.map((line) => line.amountKopecks));
  const base = input.perBidCapKopecks === null ? requested : minKopecks(requested, input.perBidCapKopecks);
  const baseYears = splitAcrossYears(yearTotals(federalLines), base);
  return {
    bid,
    federalLines,
    cofinancingLines,
    requested,
    cofinancing: sumKopecks(cofinancingLines.map((line) => line.amountKopecks)),
    base,
    baseYears,
    limits: limitsOf(bid, baseYears, input),
  };
}

function doesNotFit(overrun: { limit: BudgetLimit; needed: bigint; room: bigint }): AllocationReason {
  const [name, needed, room] = [limitName(overrun.limit), rub(overrun.needed), rub(overrun.room)];
  const ru = `Не помещается в ${name.ru}: нужно ${needed.ru}, осталось ${room.ru}`;
  return reason('DOES_NOT_FIT_BUDGET', overrun.limit, ru, `Does not fit ${name.en}: needs ${needed.en}, ${room.en} left`);
}

/** In rank order, each bid in full (after the per-bid cap) if it fits every limit left, otherwise skipped. */
function allocateGreedySkip(prepared: PreparedBid[], input: AllocationInput): Decision[] {
  const ledger = new Ledger(input);
  return prepared.map((bid) => {
    const overrun = ledger.firstOverrun(bid, bid.baseYears);
    if (overrun) return nothing(doesNotFit(overrun));
    ledger.spend(bid, bid.baseYears);
    return decision(bid, bid.baseYears, fundedReason(bid));
  });
}

/**
 * The largest amount up to the bid's capped request that fits every limit, and the limit that sets it. A year fits
 * when its exact share of the amount (amount × year amount / request) fits the year's room; the year-first split then
 * keeps the rounded share within it too, since a share that is not whole is rounded to at most its ceiling.
 */
function largestFit(ledger: Ledger, prepared: PreparedBid): { amount: bigint; limit: BudgetLimit | null } {
  let best: { amount: bigint; limit: BudgetLimit | null } = { amount: prepared.base, limit: null };
  for (const limit of prepared.limits) {
    const counted = countedUnder(limit, prepared.baseYears);
    if (counted === 0n) continue;
    const amount = (ledger.room(limit) * prepared.base) / counted;
    if (amount < best.amount) best = { amount, limit };
  }
  return best;
}

function marginalDecision(ledger: Ledger, input: AllocationInput, prepared: PreparedBid): Decision {
  const { amount, limit } = largestFit(ledger, prepared);
  const minShare = BigInt(input.partialMinShareBasisPoints!);
  const [name, fits, request] = [limitName(limit!), rub(amount), rub(prepared.requested)];
  if (amount === 0n || amount * 10_000n < minShare * prepared.requested) {
    const ru = `Не помещается в ${name.ru}; помещается ${fits.ru}, меньше минимальной доли ${percentRu(minShare)} от запроса ${request.ru}`;
    const en = `Does not fit ${name.en}; the ${fits.en} that fits is below the minimum share of ${percent(minShare)} of the request of ${request.en}`;
    return nothing(reason('BELOW_PARTIAL_SHARE', limit, ru, en));
  }
  const years = splitAcrossYears(prepared.baseYears, amount);
  ledger.spend(prepared, years);
  const ru = `Не помещается полностью в ${name.ru}; получает наибольшую помещающуюся сумму ${fits.ru} из запрошенных ${request.ru}`;
  const en = `Does not fit ${name.en} in full; gets the largest amount that fits, ${fits.en} of the ${request.en} requested`;
  return decision(prepared, years, reason('PARTIAL_MARGINAL', limit, ru, en));
}

/** In rank order, in full while bids fit; the first that does not gets the largest amount that fits, or nothing. Then it stops. */
function allocatePartialMarginal(prepared: PreparedBid[], input: AllocationInput): Decision[] {
  const ledger = new Ledger(input);
  let marginalRank: number | null = null;
  return prepared.map((bid) => {
    if (marginalRank !== null) {
      const [ru, en] = [
        `Распределение остановлено на заявке с рангом ${marginalRank}`,
        `Allocation stopped at the bid ranked ${marginalRank}`,
      ];
      return nothing(reason('AFTER_MARGINAL_BID', null, ru, en));
    }
    if (!ledger.firstOverrun(bid, bid.baseYears)) {
      ledger.spend(bid, bid.baseYears);
      return decision(bid, bid.baseYears, fundedReason(bid));
    }
    marginalRank = bid.bid.rank;
    return marginalDecision(ledger, input, bid);
  });
}

/** Every limit any bid is under, with the total demand on it, in the order total, years, clusters, regions. */
function demandsByLimit(prepared: PreparedBid[]): { limit: BudgetLimit; demand: bigint }[] {
  const demands = new Map<string, { limit: BudgetLimit; demand: bigint }>();
  for (const bid of prepared) {
    for (const limit of bid.limits) {
      const key = JSON.stringify(limit);
      demands.set(key, { limit, demand: (demands.get(key)?.demand ?? 0n) + countedUnder(limit, bid.baseYears) });
    }
  }
  const kindOrder = (limit: BudgetLimit) => ['total', 'year', 'cluster', 'region'].indexOf(limit.kind);
  const keys = [...demands.keys()].sort((x, y) => kindOrder(demands.get(x)!.limit) - kindOrder(demands.get(y)!.limit) || (x < y ? -1 : 1));
  return keys.map((key) => demands.get(key)!);
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** The largest factor ≤ 1 under which every limit holds (room / demand at the tightest), and that limit; exact rationals. */
function commonFactor(prepared: PreparedBid[], input: AllocationInput) {
  let factor = { numerator: 1n, denominator: 1n, limit: null as BudgetLimit | null };
  for (const { limit, demand } of demandsByLimit(prepared)) {
    const room = fullRoom(limit, input);
    if (room * factor.denominator < factor.numerator * demand) factor = { numerator: room, denominator: demand, limit };
  }
  const divisor = gcd(factor.numerator, factor.denominator) || 1n;
  return { ...factor, numerator: factor.numerator / divisor, denominator: factor.denominator / divisor };
}

/**
 * Every bid's capped request times one common factor. Rounding is down per bid and year (⌊factor × year amount⌋), so
 * the sum under any limit is at most factor × demand ≤ room: no year, cluster, region or total can be overrun through
 * rounding. The rounding residue stays unspent.
 */
function allocateProportional(prepared: PreparedBid[], input: AllocationInput) {
  const factor = commonFactor(prepared, input);
  const decisions = prepared.map((bid) => {
    if (factor.limit === null) return decision(bid, bid.baseYears, fundedReason(bid));
    const years = new Map([...bid.baseYears].map(([year, amount]) => [year, (amount * factor.numerator) / factor.denominator]));
    const [name, funded, request] = [limitName(factor.limit), rub(sumKopecks(years.values())), rub(bid.requested)];
    const share = (factor.numerator * 10_000n) / factor.denominator;
    const capped = bid.base < bid.requested ? [' после предельной суммы на заявку', ' after the per-bid cap'] : ['', ''];
    const ru = `Все заявки сокращены на общий коэффициент ≈ ${percentRu(share)} (его задаёт ${name.ru})${capped[0]}: ${funded.ru} из запрошенных ${request.ru}`;
    const en = `Every bid cut by a common factor of ≈ ${percent(share)} (set by ${name.en})${capped[1]}: ${funded.en} of the ${request.en} requested`;
    return decision(bid, years, reason('PROPORTIONAL_CUT', factor.limit, ru, en));
  });
  return { decisions, factor: { numerator: factor.numerator, denominator: factor.denominator } };
}

/** A status award: the first N bids are selected, no money moves. */
function selectTopN(prepared: PreparedBid[], input: AllocationInput): Decision[] {
  const n = input.selectTopN!;
  const selected = reason(
    'SELECTED_TOP_N',
    null,
    `Отобрана в число первых ${n} (статус без финансирования)`,
    `Selected among the top ${n} (status award, no funds)`,
  );
  return prepared.map(({ bid }, index) => {
    if (index < n) return { status: 'full', years: new Map(), reason: selected };
    return nothing(
      reason('BELOW_TOP_N', null, `Ранг ${bid.rank}: ниже первых ${n} отобранных`, `Ranked ${bid.rank}: below the top ${n} selected`),
    );
  });
}

function assertValidInput(bids: AllocationBid[], input: AllocationInput): void {
  const basisPoints = (value: number | null, name: string) => {
    if (value !== null && (!Number.isInteger(value) || value < 0 || value > 10_000))
      throw new RangeError(`${name} must be 0–10000 basis points`);
  };
  basisPoints(input.minCofinancingBasisPoints, 'minCofinancingBasisPoints');
  basisPoints(input.partialMinShareBasisPoints, 'partialMinShareBasisPoints');
  const amounts = [input.budgetKopecks, input.perBidCapKopecks, input.perClusterCapKopecks, input.perRegionCapKopecks];
  const yearBudgets = Object.values(input.yearBudgetsKopecks ?? {});
  if ([...amounts, ...yearBudgets].some((amount) => amount !== null && amount < 0n))
    throw new RangeError('budgets and caps must not be negative');
  if (input.policy === 'partial-marginal' && input.partialMinShareBasisPoints === null)
    throw new Error('partial-marginal needs partialMinShareBasisPoints');
  if (input.policy === 'select-top-n' && !(Number.isInteger(input.selectTopN) && input.selectTopN! >= 0))
    throw new Error('select-top-n needs selectTopN');
  if (!Number.isInteger(input.reserveListLength) || input.reserveListLength < 0)
    throw new RangeError('reserveListLength must be a whole number ≥ 0');
  const ids = new Set<string>();
  bids.forEach((bid, index) => {
    if (ids.has(bid.bidId)) throw new Error(`bid "${bid.bidId}" appears twice in the allocation input`);
    ids.add(bid.bidId);
    if (index > 0 && bid.rank <= bids[index - 1].rank) throw new Error(`bids must come in rank order; "${bid.bidId}" does not`);
    if (bid.lines.some((line) => line.amountKopecks < 0n)) throw new RangeError(`bid "${bid.bidId}" has a negative budget line`);
  });
}

function decide(
  prepared: PreparedBid[],
  input: AllocationInput,
): { decisions: Decision[]; factor: AllocationResult['proportionalFactor'] } {
  switch (input.policy) {
    case 'greedy-skip':
      return { decisions: allocateGreedySkip(prepared, input), factor: null };
    case 'partial-marginal':
      return { decisions: allocatePartialMarginal(prepared, input), factor: null };
    case 'proportional':
      return allocateProportional(prepared, input);
    case 'select-top-n':
      return { decisions: selectTopN(prepared, input), factor: null };
  }
}

function allocatedBid(prepared: PreparedBid, made: Decision, input: AllocationInput, reservePosition: number | null): AllocatedBid {
  const funded = sumKopecks(made.years.values());
  const cofinancing =
    made.status === 'none' || funded === 0n
      ? 0n
      : cofinancingFor(prepared.requested, prepared.cofinancing, funded, input.minCofinancingBasisPoints);
  const outcome =
    made.status === 'full'
      ? 'funded'
      : made.status === 'partial'
        ? 'partially_funded'
        : reservePosition === null
          ? 'not_funded'
          : 'reserve';
  const lines =
    made.status === 'none' || made.years.size === 0
      ? []
      : [...federalLinesFor(prepared.federalLines, made.years), ...cofinancingLinesFor(prepared.cofinancingLines, cofinancing)];
  return {
    bidId: prepared.bid.bidId,
    rank: prepared.bid.rank,
    outcome,
    reservePosition,
    requestedFederalKopecks: prepared.requested,
    fundedFederalKopecks: funded,
    fundedCofinancingKopecks: cofinancing,
    reason: made.reason,
    lines: lines.sort(byYearCategorySource),
  };
}

/** Reserve positions for the first `reserveListLength` bids left without funding, in rank order. */
function reservePositions(decisions: Decision[], reserveListLength: number): (number | null)[] {
  let next = 1;
  return decisions.map((made) => (made.status === 'none' && next <= reserveListLength ? next++ : null));
}

function totalsBy<K extends string | number>(keys: K[], lines: BudgetLine[], keyOf: (line: BudgetLine) => K): Map<K, bigint> {
  const totals = new Map<K, bigint>([...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key) => [key, 0n]));
  for (const line of lines) totals.set(keyOf(line), totals.get(keyOf(line))! + line.amountKopecks);
  return totals;
}

function summary(bids: AllocatedBid[], prepared: PreparedBid[], input: AllocationInput) {
  const requestedLines = prepared.flatMap((bid) => bid.federalLines);
  const fundedLines = bids.flatMap((bid) => bid.lines.filter((line) => line.source === 'federal'));
  const years = [...Object.keys(input.yearBudgetsKopecks ?? {}).map(Number), ...requestedLines.map((line) => line.year)];
  const categories = requestedLines.map((line) => line.category);
  const outcomeCounts: Record<AllocationOutcome, number> = { funded: 0, partially_funded: 0, reserve: 0, not_funded: 0 };
  for (const bid of bids) outcomeCounts[bid.outcome] += 1;
  return {
    federalByYear: [...totalsBy(years, fundedLines, (line) => line.year)].map(([year, federalKopecks]) => ({ year, federalKopecks })),
    federalByCategory: [...totalsBy(categories, fundedLines, (line) => line.category)].map(([category, federalKopecks]) => ({
      category,
      federalKopecks,
    })),
    outcomeCounts,
  };
}

/**
 * Allocates the federal budget to bids in rank order under the programme's policy, within the total, the per-year
 * budgets and the per-bid, per-cluster and per-region caps. Only federal money comes out of the budget; a bid funded
 * below its request has its co-financing cut with it (see `cofinancingFor`). The first `reserveListLength` bids left
 * without funding form the reserve list. Pure: the result is a function of its input alone, and always
 * allocated + remainder = budget. Throws on programming errors: bids out of rank order or twice, negative amounts,
 * a policy without its parameter.
 */
export function allocate(bids: AllocationBid[], input: AllocationInput): AllocationResult {
  assertValidInput(bids, input);
  const prepared = bids.map((bid) => prepare(bid, input));
  const { decisions, factor } = decide(prepared, input);
  const positions = reservePositions(decisions, input.reserveListLength);
  const allocated = prepared.map((bid, index) => allocatedBid(bid, decisions[index], input, positions[index]));
  const allocatedKopecks = sumKopecks(allocated.map((bid) => bid.fundedFederalKopecks));
  if (allocatedKopecks > input.budgetKopecks) throw new Error('allocation exceeds the budget: a bug in the policy');
  return {
    policy: input.policy,
    budgetKopecks: input.budgetKopecks,
    allocatedKopecks,
    remainderKopecks: input.budgetKopecks - allocatedKopecks,
    ...summary(allocated, prepared, input),
    proportionalFactor: factor,
    bids: allocated,
  };
}
