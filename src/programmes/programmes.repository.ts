import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { isUniqueViolation } from '../common/database/pg-errors';
import { CriterionEntity } from './criterion.entity';
import { EligibilityItemEntity } from './eligibility-item.entity';
import { ProgrammeRuleVersionEntity } from './programme-rule-version.entity';
import { ProgrammeEntity } from './programme.entity';
import type { CriterionRule, EligibilityRule, ProgrammeStatus } from './programme.rules';
import { codeTaken } from './programmes.errors';

export interface ProgrammeWithRules {
  programme: ProgrammeEntity;
  criteria: CriterionEntity[];
  eligibilityItems: EligibilityItemEntity[];
}

@Injectable()
export class ProgrammesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager) {
    return tx ?? this.dataSource.manager;
  }

  /** The database's clock: the only "now" that rules such as deadlines may use. */
  async now(tx?: EntityManager): Promise<Date> {
    const [row] = await this.manager(tx).query('SELECT now() AS now');
    return row.now as Date;
  }

  findById(id: string, tx?: EntityManager) {
    return this.manager(tx).getRepository(ProgrammeEntity).findOne({ where: { id } });
  }

  /** Moves the programme on only from the status named: a concurrent move makes this a no-op. */
  async moveStatus(tx: EntityManager, id: string, from: ProgrammeStatus, to: ProgrammeStatus) {
    await tx.query(`UPDATE programmes SET status = $3, updated_at = now() WHERE id = $1 AND status = $2`, [id, from, to]);
  }

  async findWithRules(id: string, tx?: EntityManager, lock = false): Promise<ProgrammeWithRules | null> {
    const query = this.manager(tx).getRepository(ProgrammeEntity).createQueryBuilder('p').where('p.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    const programme = await query.getOne();
    if (!programme) return null;
    // One after the other: inside a transaction both would share one connection.
    const criteria = await this.manager(tx)
      .getRepository(CriterionEntity)
      .find({ where: { programmeId: id }, order: { position: 'ASC' } });
    const eligibilityItems = await this.manager(tx)
      .getRepository(EligibilityItemEntity)
      .find({ where: { programmeId: id }, order: { position: 'ASC' } });
    return { programme, criteria, eligibilityItems };
  }

  async list(filter: { statuses: ProgrammeStatus[]; offset: number; limit: number }) {
    const [items, total] = await this.manager()
      .getRepository(ProgrammeEntity)
      .findAndCount({
        where: { status: In(filter.statuses) },
        order: { closesAt: { direction: 'DESC', nulls: 'FIRST' }, code: 'ASC' },
        skip: filter.offset,
        take: filter.limit,
      });
    return { items, total };
  }

  async save(tx: EntityManager, programme: Partial<ProgrammeEntity>): Promise<ProgrammeEntity> {
    try {
      return await tx.getRepository(ProgrammeEntity).save(tx.getRepository(ProgrammeEntity).create(programme));
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_programmes_code')) throw codeTaken(programme.code ?? '');
      throw error;
    }
  }

  /**
   * Replaces the criteria list, keeping each criterion's row (and id) when its code stays, so that anything
   * referring to a criterion survives an audited rule change.
   */
  async replaceCriteria(tx: EntityManager, programmeId: string, criteria: CriterionRule[]) {
    const repo = tx.getRepository(CriterionEntity);
    const existing = await repo.find({ where: { programmeId } });
    const byCode = new Map(existing.map((c) => [c.code, c]));
    const keep = new Set(criteria.map((c) => c.code));
    const removed = existing.filter((c) => !keep.has(c.code)).map((c) => c.id);
    if (removed.length) await repo.delete({ id: In(removed) });
    await repo.save(
      criteria.map((c, position) =>
        repo.create({
          id: byCode.get(c.code)?.id,
          programmeId,
          position,
          code: c.code,
          titleRu: c.titleRu,
          titleEn: c.titleEn,
          weight: c.weight,
          scaleMin: String(c.scaleMin),
          scaleMax: String(c.scaleMax),
          scaleStep: String(c.scaleStep),
          minScore: c.minScore === null ? null : String(c.minScore),
        }),
      ),
    );
  }

  async replaceEligibilityItems(tx: EntityManager, programmeId: string, items: EligibilityRule[]) {
    const repo = tx.getRepository(EligibilityItemEntity);
    const existing = await repo.find({ where: { programmeId } });
    const byCode = new Map(existing.map((item) => [item.code, item]));
    const keep = new Set(items.map((item) => item.code));
    const removed = existing.filter((item) => !keep.has(item.code)).map((item) => item.id);
    if (removed.length) await repo.delete({ id: In(removed) });
    await repo.save(items.map((item, position) => repo.create({ id: byCode.get(item.code)?.id, programmeId, position, ...item })));
  }

  /** The gap-free registration counter of a programme, created once when it opens (submits only bump it). */
  async createCounter(tx: EntityManager, programmeId: string) {
    await tx.query(`INSERT INTO programme_counters (programme_id) VALUES ($1) ON CONFLICT DO NOTHING`, [programmeId]);
  }

  insertRuleVersion(
    tx: EntityManager,
    version: Pick<ProgrammeRuleVersionEntity, 'programmeId' | 'version' | 'rules' | 'reason' | 'createdBy'>,
  ) {
    return tx.getRepository(ProgrammeRuleVersionEntity).save(tx.getRepository(ProgrammeRuleVersionEntity).create(version));
  }

  listRuleVersions(programmeId: string) {
    return this.manager()
      .getRepository(ProgrammeRuleVersionEntity)
      .find({ where: { programmeId }, order: { version: 'ASC' } });
  }
}
