import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { ClusterEntity } from '../clusters/cluster.entity';
import { ProgrammeEntity } from './programme.entity';

/** A later deadline for one cluster, granted by the ministry with a reason; one per cluster, replaced when changed. */
@Entity('programme_extensions')
@Unique('UQ_programme_extensions_cluster', ['programmeId', 'clusterId'])
export class ProgrammeExtensionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_programme_extensions' })
  id: string;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'FK_programme_extensions_programme' })
  programme?: Relation<ProgrammeEntity>;

  @Column('uuid')
  clusterId: string;

  @ManyToOne(() => ClusterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'FK_programme_extensions_cluster' })
  cluster?: Relation<ClusterEntity>;

  @Column('timestamptz')
  closesAt: Date;

  @Column('text')
  reason: string;

  @Column('uuid', { nullable: true })
  grantedBy: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  grantedAt: Date;
}
