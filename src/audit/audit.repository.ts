import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../common/database/transaction';
import { AuditEntryEntity } from './audit-entry.entity';

export interface NewAuditEntry {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  offset: number;
  limit: number;
}

export interface ChainCheck {
  checkedRows: number;
  headSeq: number;
  firstBrokenSeq: number | null;
  problem: string | null;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** seq, at and the hashes are filled in by the database trigger. */
  async insert(tx: Tx, entry: NewAuditEntry): Promise<void> {
    await tx.query(
      `INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, '', '')`,
      [
        entry.actorId,
        entry.actorRole,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
        entry.requestId,
      ],
    );
  }

  async list(filter: AuditFilter): Promise<{ items: AuditEntryEntity[]; total: number }> {
    const query = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (filter.entityType) query.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorId) query.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    const [items, total] = await query.orderBy('a.seq', 'DESC').offset(filter.offset).limit(filter.limit).getManyAndCount();
    return { items, total };
  }

  /**
   * Recomputes every hash in the database, in seq order, in one pass: a gap, an edited row, a broken link or a
   * head that disagrees with the last row (rows removed with the triggers disabled) is reported.
   */
  async verifyChain(): Promise<ChainCheck> {
    const [row] = await this.dataSource.query(`
      WITH chain AS (
        SELECT seq, hash, prev_hash,
               audit_log_hash(prev_hash, seq, at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id) AS expected,
               lag(hash, 1, repeat('0', 64)) OVER (ORDER BY seq) AS previous,
               row_number() OVER (ORDER BY seq) AS position
        FROM audit_log
      ), broken AS (
        SELECT seq,
               CASE WHEN seq <> position THEN 'gap in sequence before this row'
                    WHEN prev_hash <> previous THEN 'link to the previous row does not match'
                    WHEN hash <> expected THEN 'row content does not match its hash' END AS problem
        FROM chain
      )
      SELECT (SELECT count(*) FROM audit_log)::int AS checked_rows,
             (SELECT last_seq FROM audit_chain_head)::bigint AS head_seq,
             (SELECT last_hash FROM audit_chain_head) AS head_hash,
             (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS last_hash,
             (SELECT max(seq) FROM audit_log)::bigint AS last_seq,
             (SELECT seq FROM broken WHERE problem IS NOT NULL ORDER BY seq LIMIT 1)::bigint AS first_broken_seq,
             (SELECT problem FROM broken WHERE problem IS NOT NULL ORDER BY seq LIMIT 1) AS problem`);
    const headSeq = Number(row.head_seq);
    let firstBrokenSeq = row.first_broken_seq === null ? null : Number(row.first_broken_seq);
    let problem: string | null = row.problem;
    if (firstBrokenSeq === null && (Number(row.last_seq ?? 0) !== headSeq || (row.last_hash ?? '0'.repeat(64)) !== row.head_hash)) {
      firstBrokenSeq = Number(row.last_seq ?? 0) + 1;
      problem = 'rows at the end of the log are missing (the chain head is further on)';
    }
    return { checkedRows: row.checked_rows, headSeq, firstBrokenSeq, problem };
  }
}
