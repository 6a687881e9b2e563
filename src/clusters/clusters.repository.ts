import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { isStillReferenced, isUniqueViolation } from '../common/database/pg-errors';
import { ClusterEntity } from './cluster.entity';
import { clusterInUse, innTaken } from './clusters.errors';

@Injectable()
export class ClustersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(ClusterEntity);
  }

  findById(id: string, tx?: EntityManager) {
    return this.repo(tx).findOne({ where: { id } });
  }

  lockById(tx: EntityManager, id: string) {
    return this.repo(tx).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  /** The unique constraint on the INN decides duplicates, also under concurrent registrations. */
  async save(tx: EntityManager, cluster: Partial<ClusterEntity>): Promise<ClusterEntity> {
    try {
      return await this.repo(tx).save(this.repo(tx).create(cluster));
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_clusters_organisation_inn')) throw innTaken(cluster.organisationInn ?? '');
      throw error;
    }
  }

  async delete(tx: EntityManager, id: string) {
    try {
      await this.repo(tx).delete({ id });
    } catch (error) {
      if (isStillReferenced(error)) throw clusterInUse();
      throw error;
    }
  }

  async list(filter: { regionCode?: string; onlyId?: string | null; offset: number; limit: number }) {
    const query = this.repo().createQueryBuilder('c');
    if (filter.regionCode) query.andWhere('c.region_code = :regionCode', { regionCode: filter.regionCode });
    if (filter.onlyId !== undefined) query.andWhere('c.id = :onlyId', { onlyId: filter.onlyId });
    // The id breaks ties between equal names, so that pages neither repeat nor skip clusters.
    const [items, total] = await query.orderBy('c.name_ru').addOrderBy('c.id').offset(filter.offset).limit(filter.limit).getManyAndCount();
    return { items, total };
  }

  /** Binds an applicant account to its newly registered cluster, unless it already acts for one. */
  async attachApplicant(tx: EntityManager, userId: string, clusterId: string): Promise<boolean> {
    const result = await tx.query(
      `UPDATE users SET cluster_id = $2, updated_at = now() WHERE id = $1 AND role = 'applicant' AND cluster_id IS NULL`,
      [userId, clusterId],
    );
    return result[1] === 1;
  }
}
