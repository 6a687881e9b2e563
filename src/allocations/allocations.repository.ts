import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '../common/database/transaction';
import type { AllocatedBid, AllocationOutcome } from './allocation';
import type { BudgetLine } from './split';

/** What ranking needs of a bid besides its scores: identity, cluster, timing, request and budget lines. */
export interface RankableBid {
  id: string;
  registrationNumber: string;
  title: string;
  clusterId: string;
  clusterNameRu: string;
  clusterNameEn: string;
  region: string;
  submittedAt: Date;
  requestedFederalKopecks: bigint;
  lines: BudgetLine[];
}

export type RunStatus = 'what-if' | 'published' | 'superseded';

export interface RunRow {
  id: string;
  programmeId: string;
  number: number;
  label: string;
  policy: string;
  inputs: Record<string, unknown>;
  totals: Record<string, unknown>;
  budgetKopecks: bigint;
  allocatedKopecks: bigint;
  remainderKopecks: bigint;
  status: RunStatus;
  supersedesRunId: string | null;
  createdAt: Date;
  publishedAt: Date | null;
  supersededAt: Date | null;
}

export type RunBidOutcome = AllocationOutcome | 'excluded';

export interface RunBidRow {
  submissionId: string;
  registrationNumber: string;
  title: string;
  clusterId: string;
  clusterNameRu: string;
  clusterNameEn: string;
  region: string;
  rank: number | null;
  weightedTotal: string | null;
  outcome: RunBidOutcome;
  reservePosition: number | null;
  requestedFederalKopecks: bigint;
  fundedFederalKopecks: bigint;
  fundedCofinancingKopecks: bigint;
  reason: { code: string; ru: string; en: string } & Record<string, unknown>;
  lines: { year: number; category: string; source: string; amountKopecks: string }[];
}

/** A run's row for a bid: allocated, or excluded by ranking (thresholds, not scored). */
export type NewRunBid =
  | { kind: 'allocated'; bid: AllocatedBid; weightedTotal: number }
  | { kind: 'excluded'; bidId: string; requestedFederalKopecks: bigint; weightedTotal: number | null; reason: RunBidRow['reason'] };

const RANKABLE_STATUSES = ['eligible', 'in_review', 'scored', 'ranked', 'funded', 'partially_funded', 'reserve', 'not_funded'];

function runRow(r: Record<string, never>): RunRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    number: r.number,
    label: r.label,
    policy: r.policy,
    inputs: r.inputs,
    totals: r.totals,
    budgetKopecks: BigInt(r.budget_kopecks),
    allocatedKopecks: BigInt(r.allocated_kopecks),
    remainderKopecks: BigInt(r.remainder_kopecks),
    status: r.status,
    supersedesRunId: r.supersedes_run_id,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    supersededAt: r.superseded_at,
  };
}

@Injectable()
export class AllocationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** Bids past eligibility with the budget lines of their counting (last submitted) version, in registration order. */
  async rankableBids(programmeId: string, tx?: Tx): Promise<RankableBid[]> {
    const rows = await this.manager(tx).query(
      `SELECT s.id, s.registration_number, s.title, s.submitted_at, s.submitted_federal_kopecks,
              c.id AS cluster_id, c.name_ru, c.name_en, c.region_code,
              coalesce(v.content -> 'budgetLines', '[]') AS lines
       FROM submissions s JOIN clusters c ON c.id = s.cluster_id
       JOIN submission_versions v ON v.submission_id = s.id AND v.version = s.current_version
       WHERE s.programme_id = $1 AND s.status::text = ANY($2)
       ORDER BY s.registration_number`,
      [programmeId, RANKABLE_STATUSES],
    );
    return rows.map((r: Record<string, never>) => ({
      id: r.id,
      registrationNumber: r.registration_number,
      title: r.title,
      clusterId: r.cluster_id,
      clusterNameRu: r.name_ru,
      clusterNameEn: r.name_en,
      region: r.region_code,
      submittedAt: r.submitted_at,
      requestedFederalKopecks: BigInt(r.submitted_federal_kopecks),
      lines: (r.lines as { year: number; category: string; source: BudgetLine['source']; amountKopecks: string }[]).map((l) => ({
        year: l.year,
        category: l.category,
        source: l.source,
        amountKopecks: BigInt(l.amountKopecks),
      })),
    }));
  }

  async storedRanking(programmeId: string, tx?: Tx): Promise<{ ranking: unknown; rankedAt: Date } | null> {
    const [row] = await this.manager(tx).query(`SELECT ranking, ranked_at FROM programme_rankings WHERE programme_id = $1`, [programmeId]);
    return row ? { ranking: row.ranking, rankedAt: row.ranked_at } : null;
  }

  async saveRanking(tx: Tx, programmeId: string, ranking: unknown, rankedBy: string) {
    await tx.query(`INSERT INTO programme_rankings (programme_id, ranking, ranked_by) VALUES ($1, $2, $3)`, [
      programmeId,
      JSON.stringify(ranking),
      rankedBy,
    ]);
  }

  async setSubmissionStatuses(tx: Tx, ids: string[], status: string) {
    if (ids.length) await tx.query(`UPDATE submissions SET status = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [ids, status]);
  }

  /** Writes a what-if run and its rows; the number is the programme's next, taken under the programme row lock. */
  async insertRun(
    tx: Tx,
    run: Pick<RunRow, 'programmeId' | 'label' | 'policy' | 'inputs' | 'totals' | 'budgetKopecks' | 'allocatedKopecks' | 'remainderKopecks'>,
    bids: NewRunBid[],
    createdBy: string,
  ): Promise<RunRow> {
    const [row] = await tx.query(
      `INSERT INTO allocation_runs (programme_id, number, label, policy, inputs, totals, budget_kopecks, allocated_kopecks,
                                    remainder_kopecks, created_by)
       VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM allocation_runs WHERE programme_id = $1), $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING *`,
      [
        run.programmeId,
        run.label,
        run.policy,
        JSON.stringify(run.inputs),
        JSON.stringify(run.totals),
        run.budgetKopecks.toString(),
        run.allocatedKopecks.toString(),
        run.remainderKopecks.toString(),
        createdBy,
      ],
    );
    const columns = bids.map((b) =>
      b.kind === 'allocated'
        ? [
            b.bid.bidId,
            b.bid.rank,
            b.weightedTotal,
            b.bid.outcome,
            b.bid.reservePosition,
            b.bid.requestedFederalKopecks.toString(),
            b.bid.fundedFederalKopecks.toString(),
            b.bid.fundedCofinancingKopecks.toString(),
            JSON.stringify(b.bid.reason),
            JSON.stringify(b.bid.lines.map((l) => ({ ...l, amountKopecks: l.amountKopecks.toString() }))),
          ]
        : [
            b.bidId,
            null,
            b.weightedTotal,
            'excluded',
            null,
            b.requestedFederalKopecks.toString(),
            '0',
            '0',
            JSON.stringify(b.reason),
            '[]',
          ],
    );
    const column = (i: number) => columns.map((c) => c[i]);
    await tx.query(
      `INSERT INTO allocation_run_bids (run_id, submission_id, rank, weighted_total, outcome, reserve_position,
                                        requested_federal_kopecks, funded_federal_kopecks, funded_cofinancing_kopecks, reason, lines)
       SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::text[], $6::int[], $7::bigint[], $8::bigint[], $9::bigint[],
                                $10::jsonb[], $11::jsonb[])`,
      [row.id, ...Array.from({ length: 10 }, (_, i) => column(i))],
    );
    return runRow(row);
  }

  async runs(programmeId: string, tx?: Tx): Promise<RunRow[]> {
    const rows = await this.manager(tx).query(`SELECT * FROM allocation_runs WHERE programme_id = $1 ORDER BY number DESC`, [programmeId]);
    return rows.map(runRow);
  }

  async run(programmeId: string, runId: string, tx?: Tx): Promise<RunRow | null> {
    const [row] = await this.manager(tx).query(`SELECT * FROM allocation_runs WHERE programme_id = $1 AND id = $2`, [programmeId, runId]);
    return row ? runRow(row) : null;
  }

  async publishedRun(programmeId: string, tx?: Tx): Promise<RunRow | null> {
    const [row] = await this.manager(tx).query(`SELECT * FROM allocation_runs WHERE programme_id = $1 AND status = 'published'`, [
      programmeId,
    ]);
    return row ? runRow(row) : null;
  }

  /** When results first became public: the earliest publication, superseded or not (the appeal window counts from it). */
  async firstPublishedAt(programmeId: string, tx?: Tx): Promise<Date | null> {
    const [row] = await this.manager(tx).query(`SELECT min(published_at) AS at FROM allocation_runs WHERE programme_id = $1`, [
      programmeId,
    ]);
    return row?.at ?? null;
  }

  async runBids(runId: string, tx?: Tx): Promise<RunBidRow[]> {
    const rows = await this.manager(tx).query(
      `SELECT b.*, s.registration_number, s.title, c.id AS cluster_id, c.name_ru, c.name_en, c.region_code
       FROM allocation_run_bids b JOIN submissions s ON s.id = b.submission_id JOIN clusters c ON c.id = s.cluster_id
       WHERE b.run_id = $1
       ORDER BY b.rank NULLS LAST, s.registration_number`,
      [runId],
    );
    return rows.map((r: Record<string, never>) => ({
      submissionId: r.submission_id,
      registrationNumber: r.registration_number,
      title: r.title,
      clusterId: r.cluster_id,
      clusterNameRu: r.name_ru,
      clusterNameEn: r.name_en,
      region: r.region_code,
      rank: r.rank,
      weightedTotal: r.weighted_total,
      outcome: r.outcome,
      reservePosition: r.reserve_position,
      requestedFederalKopecks: BigInt(r.requested_federal_kopecks),
      fundedFederalKopecks: BigInt(r.funded_federal_kopecks),
      fundedCofinancingKopecks: BigInt(r.funded_cofinancing_kopecks),
      reason: r.reason,
      lines: r.lines,
    }));
  }

  async markPublished(tx: Tx, runId: string, publishedBy: string, supersedesRunId: string | null) {
    await tx.query(
      `UPDATE allocation_runs SET status = 'published', published_at = now(), published_by = $2, supersedes_run_id = $3 WHERE id = $1`,
      [runId, publishedBy, supersedesRunId],
    );
  }

  async markSuperseded(tx: Tx, runId: string) {
    await tx.query(`UPDATE allocation_runs SET status = 'superseded', superseded_at = now() WHERE id = $1`, [runId]);
  }

  /** Every bid of the run takes its outcome; excluded bids are not funded. */
  async applyOutcomes(tx: Tx, runId: string) {
    await tx.query(
      `UPDATE submissions s SET status = (CASE WHEN b.outcome = 'excluded' THEN 'not_funded' ELSE b.outcome END)::submission_status,
                                updated_at = now()
       FROM allocation_run_bids b WHERE b.run_id = $1 AND s.id = b.submission_id`,
      [runId],
    );
  }
}
