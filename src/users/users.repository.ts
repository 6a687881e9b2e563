import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../common/access/access.decorators';
import { UserEntity } from './user.entity';
import { notFound } from '../common/errors/domain-error';
import { isForeignKeyViolation } from '../common/database/pg-errors';

/** The foreign key decides whether the cluster exists, inside the same statement. */
const clusterMustExist =
  (clusterId: string | null | undefined) =>
  (error: unknown): never => {
    if (isForeignKeyViolation(error, 'FK_users_cluster')) throw notFound('Cluster', clusterId ?? undefined);
    throw error;
  };

export interface UserFilter {
  role?: Role;
  clusterId?: string;
  offset: number;
  limit: number;
}

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(tx?: EntityManager) {
    return (tx ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findById(id: string, tx?: EntityManager) {
    return this.repo(tx).findOne({ where: { id } });
  }

  findByEmail(email: string, tx?: EntityManager) {
    return this.repo(tx).findOne({ where: { email: email.toLowerCase() } });
  }

  /**
   * The user for a sign-in, share-locked in `tx`: a concurrent deactivation or password change (which hold the
   * row FOR UPDATE) finishes first and is then seen, so no session is opened on what was just revoked.
   */
  findByEmailForSignIn(tx: EntityManager, email: string) {
    return this.repo(tx)
      .createQueryBuilder('u')
      .setLock('pessimistic_read')
      .where('u.email = :email', { email: email.toLowerCase() })
      .getOne();
  }

  /** Row-locks the user for a read-modify-write in `tx`. */
  lockById(tx: EntityManager, id: string) {
    return this.repo(tx).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
  }

  /** Inserts unless the e-mail is taken; returns null then (the unique constraint decides, not a prior read). */
  async insert(tx: EntityManager, user: Partial<UserEntity>): Promise<UserEntity | null> {
    const result = await this.repo(tx)
      .createQueryBuilder()
      .insert()
      .values(user)
      .orIgnore()
      .returning('id')
      .execute()
      .catch(clusterMustExist(user.clusterId));
    const raw = result.raw as Array<{ id: string }>;
    return raw.length ? this.findById(raw[0].id, tx) : null;
  }

  save(tx: EntityManager, user: UserEntity) {
    return this.repo(tx).save(user).catch(clusterMustExist(user.clusterId));
  }

  async list(filter: UserFilter) {
    const query = this.repo().createQueryBuilder('u');
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    if (filter.clusterId) query.andWhere('u.cluster_id = :clusterId', { clusterId: filter.clusterId });
    const [items, total] = await query.orderBy('u.email').offset(filter.offset).limit(filter.limit).getManyAndCount();
    return { items, total };
  }

  countByRole(role: Role, tx?: EntityManager) {
    return this.repo(tx).count({ where: { role } });
  }
}
