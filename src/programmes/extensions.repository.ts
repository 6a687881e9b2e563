import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isForeignKeyViolation } from '../common/database/pg-errors';
import type { Tx } from '../common/database/transaction';
import { notFound } from '../common/errors/domain-error';
import { ProgrammeExtensionEntity } from './programme-extension.entity';

@Injectable()
export class ExtensionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(programmeId: string, clusterId: string, tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(ProgrammeExtensionEntity).findOne({ where: { programmeId, clusterId } });
  }

  list(programmeId: string) {
    return this.dataSource.getRepository(ProgrammeExtensionEntity).find({ where: { programmeId }, order: { closesAt: 'ASC' } });
  }

  /** One extension per cluster and programme: granting again replaces it (the audit log keeps the earlier one). */
  async upsert(tx: Tx, extension: Pick<ProgrammeExtensionEntity, 'programmeId' | 'clusterId' | 'closesAt' | 'reason' | 'grantedBy'>) {
    try {
      await tx
        .getRepository(ProgrammeExtensionEntity)
        .upsert({ ...extension, grantedAt: () => 'now()' } as never, { conflictPaths: ['programmeId', 'clusterId'] });
    } catch (error) {
      if (isForeignKeyViolation(error, 'FK_programme_extensions_cluster')) throw notFound('Cluster', extension.clusterId);
      throw error;
    }
    return (await this.find(extension.programmeId, extension.clusterId, tx))!;
  }

  /** The last instant any cluster may still submit: the programme's deadline or its latest extension. */
  async lastDeadline(tx: Tx, programmeId: string): Promise<Date> {
    const [row] = await tx.query(
      `SELECT greatest(p.closes_at, (SELECT max(closes_at) FROM programme_extensions WHERE programme_id = p.id)) AS last
       FROM programmes p WHERE p.id = $1`,
      [programmeId],
    );
    return row.last as Date;
  }
}
