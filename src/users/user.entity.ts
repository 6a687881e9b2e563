import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  Relation,
} from 'typeorm';
import { ClusterEntity } from '../clusters/cluster.entity';
import { ROLES, type Role } from '../common/access/access.decorators';

@Entity('users')
@Unique('UQ_users_email', ['email'])
@Index('IDX_users_cluster', ['clusterId'])
@Check('CHK_users_email_lowercase', `"email" = lower("email")`)
@Check('CHK_users_cluster_only_applicants', `"cluster_id" IS NULL OR "role" = 'applicant'`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_users' })
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  fullName: string;

  @Column({ type: 'enum', enum: ROLES, enumName: 'user_role' })
  role: Role;

  @Column('uuid', { nullable: true })
  clusterId: string | null;

  @ManyToOne(() => ClusterEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'FK_users_cluster' })
  cluster?: Relation<ClusterEntity> | null;

  /** For commissioners: their organisation, used to derive conflicts of interest. */
  @Column('varchar', { length: 12, nullable: true })
  organisationInn: string | null;

  @Column('text')
  passwordHash: string;

  @Column('boolean', { default: true })
  isActive: boolean;

  @Column('boolean', { default: false })
  isDemo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
