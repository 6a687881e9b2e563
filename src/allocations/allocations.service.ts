import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { isUniqueViolation } from '../common/database/pg-errors';
import { TransactionRunner } from '../common/database/transaction';
import { type ErrorDetail, notFound } from '../common/errors/domain-error';
import { FrozenRulesCache } from '../programmes/frozen-rules.cache';
import type { ProgrammeRules } from '../programmes/programme.rules';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { allocate, type AllocationBid, type AllocationInput } from './allocation';
import { allocationInputInvalid, alreadyPublished, notPublished, notRanked, runNotWhatIf } from './allocations.errors';
import { AllocationsRepository, type NewRunBid, type RunBidRow, type RunRow } from './allocations.repository';
import type { PublishDto, RunInputDto } from './dto/allocation-input.dto';
import { exclusionText, type StoredRanking } from './ranking.service';

const RUNNABLE_STATUSES = ['ranked', 'published'];

/** The run's inputs with the programme's rules filling in whatever the request left out. */
export function runInputs(rules: ProgrammeRules, dto: RunInputDto): AllocationInput {
  const pick = <T>(value: T | undefined, fallback: T) => (value === undefined ? fallback : value);
  const kopecks = (value: string | null | undefined, fallback: string | null) => {
    const chosen = pick(value, fallback);
    return chosen === null ? null : BigInt(chosen);
  };
  return {
    policy: pick(dto.policy, rules.allocationPolicy),
    budgetKopecks: BigInt(pick(dto.budgetKopecks, rules.budgetKopecks ?? '0')),
    ...(dto.yearBudgets ? { yearBudgetsKopecks: Object.fromEntries(dto.yearBudgets.map((y) => [y.year, BigInt(y.budgetKopecks)])) } : {}),
    perBidCapKopecks: kopecks(dto.perBidCapKopecks, rules.maxFederalPerBidKopecks),
    perClusterCapKopecks: kopecks(dto.perClusterCapKopecks, rules.maxFederalPerClusterKopecks),
    perRegionCapKopecks: kopecks(dto.perRegionCapKopecks, null),
    minCofinancingBasisPoints: rules.minCofinancingBasisPoints,
    partialMinShareBasisPoints: pick(dto.partialMinShareBasisPoints, rules.partialMinShareBasisPoints),
    selectTopN: pick(dto.selectTopN, rules.selectTopN),
    reserveListLength: pick(dto.reserveListLength, rules.reserveListLength),
  };
}

/** What the allocation function would refuse as a programming error, answered as the caller's mistake instead. */
export function inputErrors(rules: ProgrammeRules, input: AllocationInput, dto: RunInputDto): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const seen = new Set<number>();
  (dto.yearBudgets ?? []).forEach(({ year }, index) => {
    if (!rules.fundingYears.includes(year))
      errors.push({
        field: `yearBudgets[${index}].year`,
        rule: 'fundingYear',
        message: `${year} is not a funding year (${rules.fundingYears.join(', ')})`,
      });
    if (seen.has(year)) errors.push({ field: `yearBudgets[${index}].year`, rule: 'unique', message: `${year} appears twice` });
    seen.add(year);
  });
  const budget = BigInt(rules.budgetKopecks ?? '0');
  if (input.budgetKopecks > budget)
    errors.push({
      field: 'budgetKopecks',
      rule: 'withinProgrammeBudget',
      message: `a run may allocate at most the programme budget, ${budget} kopecks`,
    });
  if (input.policy === 'partial-marginal' && input.partialMinShareBasisPoints === null)
    errors.push({
      field: 'partialMinShareBasisPoints',
      rule: 'requiredForPolicy',
      message: 'partial-marginal needs the least share of a request a partial grant may be',
    });
  if (input.policy === 'select-top-n' && (input.selectTopN === null || input.selectTopN < 1))
    errors.push({ field: 'selectTopN', rule: 'requiredForPolicy', message: 'select-top-n needs how many bids are selected' });
  return errors;
}

const serialisable = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)));

@Injectable()
export class AllocationsService {
  constructor(
    private readonly repository: AllocationsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly rulesCache: FrozenRulesCache,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** A what-if run over the stored ranking: stored with its inputs, its totals and a row per bid. */
  async createRun(actor: Actor, programmeId: string, dto: RunInputDto): Promise<RunRow> {
    return this.transactions.run(async (tx) => {
      const found = await this.programmes.findWithRules(programmeId, tx, true);
      if (!found || found.programme.status === 'draft') throw notFound('Programme', programmeId);
      const { programme } = found;
      if (!RUNNABLE_STATUSES.includes(programme.status)) throw notRanked(programme.status);
      const rules = (await this.rulesCache.get(programmeId, programme.rulesVersion))!;
      const input = runInputs(rules, dto);
      const errors = inputErrors(rules, input, dto);
      if (errors.length) throw allocationInputInvalid(errors);
      const stored = (await this.repository.storedRanking(programmeId, tx))!.ranking as StoredRanking;
      const bids = new Map((await this.repository.rankableBids(programmeId, tx)).map((b) => [b.id, b]));
      const ranked: AllocationBid[] = stored.ranked.map((r) => {
        const bid = bids.get(r.bidId)!;
        return { bidId: r.bidId, rank: r.rank, clusterId: bid.clusterId, region: bid.region, lines: bid.lines };
      });
      const result = allocate(ranked, input);
      const totals = new Map(stored.ranked.map((r) => [r.bidId, r.weightedTotal]));
      const rows: NewRunBid[] = [
        ...result.bids.map((bid) => ({ kind: 'allocated' as const, bid, weightedTotal: totals.get(bid.bidId)! })),
        ...stored.excluded.map((e) => ({
          kind: 'excluded' as const,
          bidId: e.bidId,
          requestedFederalKopecks: BigInt(e.requestedFederalKopecks),
          weightedTotal: e.weightedTotal,
          reason: { code: 'EXCLUDED_BY_RANKING', ...exclusionText(e.reasons), reasons: e.reasons },
        })),
      ];
      const run = await this.repository.insertRun(
        tx,
        {
          programmeId,
          label: dto.label ?? '',
          policy: input.policy,
          inputs: serialisable(input) as Record<string, unknown>,
          totals: serialisable({
            federalByYear: result.federalByYear,
            federalByCategory: result.federalByCategory,
            outcomeCounts: { ...result.outcomeCounts, excluded: stored.excluded.length },
            proportionalFactor: result.proportionalFactor,
          }) as Record<string, unknown>,
          budgetKopecks: result.budgetKopecks,
          allocatedKopecks: result.allocatedKopecks,
          remainderKopecks: result.remainderKopecks,
        },
        rows,
        actor.userId,
      );
      await this.audit.record(tx, actor, {
        action: 'allocation.run',
        entityType: 'allocation_run',
        entityId: run.id,
        before: null,
        after: { programmeId, number: run.number, inputs: run.inputs, allocatedKopecks: run.allocatedKopecks.toString() },
      });
      return run;
    });
  }

  async runs(programmeId: string): Promise<RunRow[]> {
    await this.programmeOrNotFound(programmeId);
    return this.repository.runs(programmeId);
  }

  async run(programmeId: string, runId: string): Promise<{ run: RunRow; bids: RunBidRow[] }> {
    const run = await this.repository.run(programmeId, runId);
    if (!run) throw notFound('Allocation run', runId);
    return { run, bids: await this.repository.runBids(runId) };
  }

  /** Two runs side by side: every bid's outcome and amount in each, and who moved. */
  async compare(programmeId: string, firstId: string, secondId: string) {
    const [first, second] = await Promise.all([this.run(programmeId, firstId), this.run(programmeId, secondId)]);
    const others = new Map(second.bids.map((b) => [b.submissionId, b]));
    const rows = first.bids.map((a) => {
      const b = others.get(a.submissionId)!;
      const deltaKopecks = b.fundedFederalKopecks - a.fundedFederalKopecks;
      return { a, b, deltaKopecks, moved: a.outcome !== b.outcome || deltaKopecks !== 0n };
    });
    return { first: first.run, second: second.run, rows };
  }

  /**
   * Publishes a run: atomic and irreversible. The programme row lock queues concurrent publishes (also from other
   * app instances); the partial unique index and the run trigger hold the rules even if this code had a bug: one
   * published run per programme, never more than the programme's budget, per-bid rows adding up to the total.
   */
  async publish(actor: Actor, programmeId: string, runId: string, dto: PublishDto): Promise<RunRow> {
    try {
      return await this.transactions.run(async (tx) => {
        const found = await this.programmes.findWithRules(programmeId, tx, true);
        if (!found || found.programme.status === 'draft') throw notFound('Programme', programmeId);
        const run = await this.repository.run(programmeId, runId, tx);
        if (!run) throw notFound('Allocation run', runId);
        if (run.status !== 'what-if') throw runNotWhatIf(run.number, run.status);
        const current = await this.repository.publishedRun(programmeId, tx);
        if (current && !dto.supersede) throw alreadyPublished(current.number);
        if (!current && dto.supersede) throw notPublished();
        if (current) await this.repository.markSuperseded(tx, current.id);
        await this.repository.markPublished(tx, run.id, actor.userId, current?.id ?? null);
        await this.repository.applyOutcomes(tx, run.id);
        if (found.programme.status === 'ranked') await this.programmes.moveStatus(tx, programmeId, 'ranked', 'published');
        const published = (await this.repository.run(programmeId, runId, tx))!;
        await this.audit.record(tx, actor, {
          action: current ? 'allocation.supersede' : 'allocation.publish',
          entityType: 'allocation_run',
          entityId: run.id,
          before: current ? { publishedRunId: current.id, number: current.number } : { status: 'what-if' },
          after: {
            status: 'published',
            number: run.number,
            reason: dto.reason ?? null,
            budgetKopecks: run.budgetKopecks.toString(),
            allocatedKopecks: run.allocatedKopecks.toString(),
            remainderKopecks: run.remainderKopecks.toString(),
          },
        });
        return published;
      });
    } catch (error) {
      // Two publishes that slipped past the lock (they cannot, but the index is the last word): the loser gets 409.
      if (isUniqueViolation(error)) {
        const current = await this.repository.publishedRun(programmeId);
        throw alreadyPublished(current?.number ?? 0);
      }
      throw error;
    }
  }

  /** Public after publication: the published run's ranking, outcomes and amounts; nothing about reviewers. */
  async results(programmeId: string) {
    const programme = await this.programmeOrNotFound(programmeId);
    const run = await this.repository.publishedRun(programmeId);
    if (!run) throw notFound('Published results of programme', programmeId);
    return { programme, run, bids: await this.repository.runBids(run.id) };
  }

  private async programmeOrNotFound(programmeId: string) {
    const programme = await this.programmes.findById(programmeId);
    if (!programme || programme.status === 'draft') throw notFound('Programme', programmeId);
    return programme;
  }
}
