import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '../common/database/transaction';

export interface AppealRow {
  id: string;
  programmeId: string;
  submissionId: string;
  registrationNumber: string;
  clusterId: string;
  runId: string;
  grounds: string;
  filedAt: Date;
  status: 'filed' | 'upheld' | 'rejected';
  resolution: string | null;
  resolvedAt: Date | null;
  windowClosesAt: Date;
}

/** The window closes appeal_window_days after the first publication (a later superseding run does not reopen it). */
const SELECT = `
  SELECT a.*, s.registration_number, s.cluster_id,
         (SELECT min(r.published_at) FROM allocation_runs r WHERE r.programme_id = a.programme_id)
           + make_interval(days => p.appeal_window_days) AS window_closes_at
  FROM appeals a JOIN submissions s ON s.id = a.submission_id JOIN programmes p ON p.id = a.programme_id`;

function appealRow(r: Record<string, never>): AppealRow {
  return {
    id: r.id,
    programmeId: r.programme_id,
    submissionId: r.submission_id,
    registrationNumber: r.registration_number,
    clusterId: r.cluster_id,
    runId: r.run_id,
    grounds: r.grounds,
    filedAt: r.filed_at,
    status: r.status,
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
    windowClosesAt: r.window_closes_at,
  };
}

@Injectable()
export class AppealsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  /** The bid, its programme's published run and the window, judged by the database clock of this statement. */
  async appealable(submissionId: string, tx?: Tx) {
    const [row] = await this.manager(tx).query(
      `SELECT s.id, s.programme_id, s.cluster_id, s.status, r.id AS run_id, first.at + make_interval(days => p.appeal_window_days) AS closes_at,
              now() <= first.at + make_interval(days => p.appeal_window_days) AS open
       FROM submissions s JOIN programmes p ON p.id = s.programme_id
       LEFT JOIN allocation_runs r ON r.programme_id = s.programme_id AND r.status = 'published'
       LEFT JOIN LATERAL (SELECT min(published_at) AS at FROM allocation_runs WHERE programme_id = s.programme_id) first ON true
       WHERE s.id = $1`,
      [submissionId],
    );
    if (!row) return null;
    return {
      submissionId: row.id as string,
      programmeId: row.programme_id as string,
      clusterId: row.cluster_id as string,
      status: row.status as string,
      runId: row.run_id as string | null,
      closesAt: row.closes_at as Date | null,
      open: row.open === true,
    };
  }

  /** Inserts only while the window is open by the database clock at the insert: null when it closed meanwhile. */
  async insert(tx: Tx, appeal: { programmeId: string; submissionId: string; runId: string; filedBy: string; grounds: string }) {
    const rows = await tx.query(
      `INSERT INTO appeals (programme_id, submission_id, run_id, filed_by, grounds)
       SELECT $1, $2, $3, $4, $5 FROM programmes p
       WHERE p.id = $1 AND now() <= (SELECT min(published_at) FROM allocation_runs WHERE programme_id = $1) + make_interval(days => p.appeal_window_days)
       RETURNING id`,
      [appeal.programmeId, appeal.submissionId, appeal.runId, appeal.filedBy, appeal.grounds],
    );
    return rows.length ? (rows[0].id as string) : null;
  }

  async find(id: string, tx?: Tx, lock = false): Promise<AppealRow | null> {
    const [row] = await this.manager(tx).query(`${SELECT} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id]);
    return row ? appealRow(row) : null;
  }

  async ofSubmission(submissionId: string): Promise<AppealRow | null> {
    const [row] = await this.manager().query(`${SELECT} WHERE a.submission_id = $1`, [submissionId]);
    return row ? appealRow(row) : null;
  }

  async ofProgramme(programmeId: string): Promise<AppealRow[]> {
    const rows = await this.manager().query(`${SELECT} WHERE a.programme_id = $1 ORDER BY a.filed_at, a.id`, [programmeId]);
    return rows.map(appealRow);
  }

  async resolve(tx: Tx, id: string, status: 'upheld' | 'rejected', resolution: string, resolvedBy: string) {
    await tx.query(`UPDATE appeals SET status = $2, resolution = $3, resolved_by = $4, resolved_at = now() WHERE id = $1`, [
      id,
      status,
      resolution,
      resolvedBy,
    ]);
  }
}
