import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '../common/database/transaction';
import type { ProgrammeStatus } from '../programmes/programme.rules';
import { type BudgetLine, type SubmissionStatus } from './submission.rules';
import { SubmissionEntity } from './submission.entity';
import { AttachmentEntity, BudgetLineEntity, EligibilityResultEntity, SubmissionVersionEntity } from './submission-parts.entity';

export interface SubmissionFilter {
  programmeId: string;
  clusterId?: string | null;
  status?: SubmissionStatus;
  regionCode?: string;
  offset: number;
  limit: number;
}

@Injectable()
export class SubmissionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager) {
    return tx ?? this.dataSource.manager;
  }

  findById(id: string, tx?: Tx) {
    return this.manager(tx).getRepository(SubmissionEntity).findOne({ where: { id } });
  }

  lockById(tx: Tx, id: string) {
    return tx.getRepository(SubmissionEntity).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id', { id }).getOne();
  }

  async insertDraft(tx: Tx, draft: Partial<SubmissionEntity>): Promise<SubmissionEntity> {
    return tx.getRepository(SubmissionEntity).save(tx.getRepository(SubmissionEntity).create(draft));
  }

  save(tx: Tx, submission: SubmissionEntity) {
    return tx.getRepository(SubmissionEntity).save(submission);
  }

  budgetLines(submissionId: string, tx?: Tx) {
    return this.manager(tx)
      .getRepository(BudgetLineEntity)
      .find({ where: { submissionId }, order: { year: 'ASC', category: 'ASC', source: 'ASC' } });
  }

  async replaceBudgetLines(tx: Tx, submissionId: string, lines: BudgetLine[]) {
    await tx.getRepository(BudgetLineEntity).delete({ submissionId });
    if (lines.length) await tx.getRepository(BudgetLineEntity).insert(lines.map((line) => ({ submissionId, ...line })));
  }

  attachments(submissionId: string, tx?: Tx) {
    return this.manager(tx)
      .getRepository(AttachmentEntity)
      .find({ where: { submissionId }, order: { kind: 'ASC' } });
  }

  findAttachment(submissionId: string, attachmentId: string) {
    return this.manager()
      .getRepository(AttachmentEntity)
      .findOne({ where: { submissionId, id: attachmentId } });
  }

  /** One file per kind: a new upload of the same kind replaces the previous one. */
  async upsertAttachment(tx: Tx, attachment: Omit<AttachmentEntity, 'id' | 'uploadedAt' | 'submission'>): Promise<AttachmentEntity> {
    await tx
      .getRepository(AttachmentEntity)
      .upsert({ ...attachment, uploadedAt: () => 'now()' } as never, { conflictPaths: ['submissionId', 'kind'] });
    return (await tx.getRepository(AttachmentEntity).findOne({ where: { submissionId: attachment.submissionId, kind: attachment.kind } }))!;
  }

  async deleteAttachment(tx: Tx, submissionId: string, attachmentId: string) {
    await tx.getRepository(AttachmentEntity).delete({ submissionId, id: attachmentId });
  }

  /**
   * Serialises every submit and withdrawal of one cluster in one programme (a transaction-scoped advisory lock), so
   * the cap and single-bid rules read the cluster's other bids after any concurrent change has committed.
   */
  async lockCluster(tx: Tx, programmeId: string, clusterId: string) {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`submit:${programmeId}:${clusterId}`]);
  }

  /** The database clock at this moment (not the transaction's start): what deadlines are judged by. */
  async clock(tx: Tx): Promise<Date> {
    const [row] = await tx.query('SELECT clock_timestamp() AS now');
    return row.now as Date;
  }

  versions(submissionId: string) {
    return this.manager()
      .getRepository(SubmissionVersionEntity)
      .find({ where: { submissionId }, order: { version: 'ASC' } });
  }

  findVersion(submissionId: string, version: number, tx?: Tx) {
    return this.manager(tx).getRepository(SubmissionVersionEntity).findOne({ where: { submissionId, version } });
  }

  async list(filter: SubmissionFilter) {
    const query = this.manager()
      .getRepository(SubmissionEntity)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.cluster', 'c')
      .where('s.programme_id = :programmeId', { programmeId: filter.programmeId });
    if (filter.clusterId !== undefined) query.andWhere('s.cluster_id = :clusterId', { clusterId: filter.clusterId });
    if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
    if (filter.regionCode) query.andWhere('c.region_code = :regionCode', { regionCode: filter.regionCode });
    const [items, total] = await query
      .orderBy('s.registration_number', 'ASC', 'NULLS LAST')
      .addOrderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .offset(filter.offset)
      .limit(filter.limit)
      .getManyAndCount();
    return { items, total };
  }

  /** A cluster's bids in every programme, each with its programme and the deadline that applies to the cluster: one query. */
  async listOfCluster(clusterId: string, window: { offset: number; limit: number }): Promise<{ items: ClusterBid[]; total: number }> {
    const rows: Record<string, unknown>[] = await this.manager().query(
      `SELECT s.id, s.status, s.title, s.registration_number, s.current_version, s.submitted_at, s.updated_at,
              p.id AS programme_id, p.code AS programme_code, p.title_ru AS programme_title_ru, p.title_en AS programme_title_en,
              p.status AS programme_status, greatest(p.closes_at, e.closes_at) AS deadline, count(*) OVER ()::int AS total
       FROM submissions s
       JOIN programmes p ON p.id = s.programme_id
       LEFT JOIN programme_extensions e ON e.programme_id = s.programme_id AND e.cluster_id = s.cluster_id
       WHERE s.cluster_id = $1
       ORDER BY p.closes_at DESC NULLS FIRST, p.code, s.created_at DESC, s.id
       OFFSET $2 LIMIT $3`,
      [clusterId, window.offset, window.limit],
    );
    const items = rows.map((row) => ({
      id: row.id as string,
      status: row.status as SubmissionStatus,
      title: row.title as string,
      registrationNumber: row.registration_number as string | null,
      currentVersion: row.current_version as number,
      submittedAt: row.submitted_at as Date | null,
      updatedAt: row.updated_at as Date,
      programme: {
        id: row.programme_id as string,
        code: row.programme_code as string,
        titleRu: row.programme_title_ru as string,
        titleEn: row.programme_title_en as string,
        status: row.programme_status as ProgrammeStatus,
      },
      deadline: row.deadline as Date | null,
    }));
    const total = rows.length ? (rows[0].total as number) : window.offset > 0 ? await this.countOfCluster(clusterId) : 0;
    return { items, total };
  }

  private async countOfCluster(clusterId: string): Promise<number> {
    const [row] = await this.manager().query(`SELECT count(*)::int AS n FROM submissions WHERE cluster_id = $1`, [clusterId]);
    return row.n as number;
  }

  eligibilityResults(submissionId: string, tx?: Tx) {
    return this.manager(tx)
      .getRepository(EligibilityResultEntity)
      .find({ where: { submissionId }, order: { itemCode: 'ASC' } });
  }

  async replaceEligibilityResults(
    tx: Tx,
    submissionId: string,
    results: Pick<EligibilityResultEntity, 'itemCode' | 'passed' | 'reason' | 'checkedBy'>[],
  ) {
    await tx.getRepository(EligibilityResultEntity).delete({ submissionId });
    await tx.getRepository(EligibilityResultEntity).insert(results.map((r) => ({ submissionId, ...r })));
  }

  /** Every bid past the draft stage with the version that counts, for exports: one query, no N+1. */
  async countingVersions(programmeId: string): Promise<CountingVersion[]> {
    const rows = await this.manager().query(
      `SELECT s.id, s.registration_number, s.status, s.current_version, v.submitted_at, v.content,
              c.name_ru AS cluster_name, c.region_code
       FROM submissions s
       JOIN clusters c ON c.id = s.cluster_id
       JOIN submission_versions v ON v.submission_id = s.id AND v.version = s.current_version
       WHERE s.programme_id = $1 AND s.status <> 'draft'
       ORDER BY s.registration_number`,
      [programmeId],
    );
    return rows.map((row: Record<string, unknown>) => ({
      submissionId: row.id as string,
      registrationNumber: row.registration_number as string,
      status: row.status as SubmissionStatus,
      version: row.current_version as number,
      submittedAt: row.submitted_at as Date,
      title: (row.content as { title: string }).title,
      budgetLines: (row.content as { budgetLines: BudgetLine[] }).budgetLines,
      clusterName: row.cluster_name as string,
      regionCode: row.region_code as string,
    }));
  }

  /**
   * Demo data only: records a bid of a past round as it historically stood (submitted long before now, its
   * number drawn in order), bypassing the live deadline on purpose. Not reachable over HTTP.
   */
  async importHistorical(tx: Tx, bid: HistoricalBid): Promise<string> {
    const [row] = await tx.query(
      `INSERT INTO submissions (programme_id, cluster_id, status, title, summary, registration_number, current_version,
                                first_submitted_at, submitted_at, submitted_federal_kopecks, created_by, eligibility_checked_at)
       VALUES ($1, $2, $3::submission_status, $4, $5, $6, 1, $7, $7, $8, $9,
               CASE WHEN $3::text IN ('eligible', 'ineligible') THEN $7::timestamptz + interval '20 days' END)
       RETURNING id`,
      [
        bid.programmeId,
        bid.clusterId,
        bid.status,
        (bid.content as { title: string }).title,
        (bid.content as { summary: string }).summary,
        bid.registrationNumber,
        bid.submittedAt,
        bid.totals.federal.toString(),
        bid.createdBy,
      ],
    );
    await this.replaceBudgetLines(tx, row.id, bid.lines);
    await tx.query(
      `INSERT INTO submission_versions (submission_id, version, registration_number, submitted_at, submitted_by, content, content_sha256,
                                        federal_kopecks, regional_kopecks, extra_budgetary_kopecks)
       VALUES ($1, 1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9)`,
      [
        row.id,
        bid.registrationNumber,
        bid.submittedAt,
        bid.createdBy,
        JSON.stringify(bid.content),
        bid.contentSha256,
        bid.totals.federal.toString(),
        bid.totals.regional.toString(),
        bid.totals.extraBudgetary.toString(),
      ],
    );
    await tx.query(
      `INSERT INTO programme_counters (programme_id, last_number) VALUES ($1, 1)
       ON CONFLICT (programme_id) DO UPDATE SET last_number = programme_counters.last_number + 1`,
      [bid.programmeId],
    );
    return row.id as string;
  }
}

/** One of a cluster's bids as its list shows it. */
export interface ClusterBid {
  id: string;
  status: SubmissionStatus;
  title: string;
  registrationNumber: string | null;
  currentVersion: number;
  submittedAt: Date | null;
  updatedAt: Date;
  programme: { id: string; code: string; titleRu: string; titleEn: string; status: ProgrammeStatus };
  /** The programme's deadline or the cluster's later extension; null while the programme has none. */
  deadline: Date | null;
}

export interface CountingVersion {
  submissionId: string;
  registrationNumber: string;
  status: SubmissionStatus;
  version: number;
  submittedAt: Date;
  title: string;
  budgetLines: BudgetLine[];
  clusterName: string;
  regionCode: string;
}

export interface HistoricalBid {
  programmeId: string;
  clusterId: string;
  createdBy: string;
  registrationNumber: string;
  status: SubmissionStatus;
  submittedAt: Date;
  content: unknown;
  contentSha256: string;
  totals: { federal: bigint; regional: bigint; extraBudgetary: bigint };
  lines: BudgetLine[];
}
