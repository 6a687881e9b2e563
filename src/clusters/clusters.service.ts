import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { assertClusterVisible, isStaff } from '../common/access/ownership';
import { TransactionRunner } from '../common/database/transaction';
import { notFound } from '../common/errors/domain-error';
import { pageWindow } from '../common/http/pagination.dto';
import { ClusterEntity } from './cluster.entity';
import { alreadyRegistered, identityLocked } from './clusters.errors';
import { ClustersRepository } from './clusters.repository';
import { ClusterQueryDto, CreateClusterDto, UpdateClusterDto } from './dto/cluster.dto';

const auditView = ({ createdAt: _c, updatedAt: _u, ...rest }: ClusterEntity) => rest;

/** The organisation's identity and participant list: the data conflicts of interest are derived from. */
const MINISTRY_ONLY_FIELDS = ['organisationInn', 'organisationOgrn', 'participantInns'] as const;

@Injectable()
export class ClustersService {
  constructor(
    private readonly clusters: ClustersRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  create(actor: Actor | null, input: CreateClusterDto & { isDemo?: boolean }): Promise<ClusterEntity> {
    return this.transactions.run(async (tx) => {
      const cluster = await this.clusters.save(tx, { industries: [], participantInns: [], ...input });
      await this.audit.record(tx, actor, {
        action: 'cluster.created',
        entityType: 'cluster',
        entityId: cluster.id,
        after: auditView(cluster),
      });
      return cluster;
    });
  }

  /** An applicant registers the cluster it works for; the account is bound to it in the same transaction. */
  register(actor: Actor, input: CreateClusterDto): Promise<ClusterEntity> {
    if (actor.clusterId) throw alreadyRegistered();
    return this.transactions.run(async (tx) => {
      const cluster = await this.clusters.save(tx, { industries: [], participantInns: [], ...input });
      if (!(await this.clusters.attachApplicant(tx, actor.userId, cluster.id))) throw alreadyRegistered();
      await this.audit.record(tx, actor, {
        action: 'cluster.registered',
        entityType: 'cluster',
        entityId: cluster.id,
        after: auditView(cluster),
      });
      return cluster;
    });
  }

  async get(actor: Actor, id: string): Promise<ClusterEntity> {
    assertClusterVisible(actor, id, 'Cluster', id);
    const cluster = await this.clusters.findById(id);
    if (!cluster) throw notFound('Cluster', id);
    return cluster;
  }

  list(actor: Actor, query: ClusterQueryDto) {
    return this.clusters.list({
      regionCode: query.regionCode,
      ...(isStaff(actor) ? {} : { onlyId: actor.clusterId }),
      ...pageWindow(query),
    });
  }

  update(actor: Actor, id: string, changes: UpdateClusterDto): Promise<ClusterEntity> {
    assertClusterVisible(actor, id, 'Cluster', id);
    const locked = MINISTRY_ONLY_FIELDS.filter((field) => changes[field] !== undefined);
    if (actor.role === 'applicant' && locked.length) throw identityLocked(locked);
    return this.transactions.run(async (tx) => {
      const cluster = await this.clusters.lockById(tx, id);
      if (!cluster) throw notFound('Cluster', id);
      const before = auditView(cluster);
      const saved = await this.clusters.save(tx, { ...cluster, ...changes });
      await this.audit.record(tx, actor, {
        action: 'cluster.updated',
        entityType: 'cluster',
        entityId: id,
        before,
        after: auditView(saved),
      });
      return saved;
    });
  }

  remove(actor: Actor, id: string): Promise<void> {
    return this.transactions.run(async (tx) => {
      const cluster = await this.clusters.lockById(tx, id);
      if (!cluster) throw notFound('Cluster', id);
      await this.clusters.delete(tx, id);
      await this.audit.record(tx, actor, { action: 'cluster.deleted', entityType: 'cluster', entityId: id, before: auditView(cluster) });
    });
  }
}
