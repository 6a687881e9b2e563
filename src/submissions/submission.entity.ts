import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ClusterEntity } from '../clusters/cluster.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { SUBMISSION_STATUSES, type SubmissionStatus } from './submission.rules';

/** A cluster's bid in a programme: the working copy (draft fields) plus where its submitted versions stand. */
@Entity('submissions')
@Unique('UQ_submissions_registration_number', ['registrationNumber'])
@Index('IDX_submissions_programme_cluster', ['programmeId', 'clusterId'])
@Index('IDX_submissions_programme_status', ['programmeId', 'status'])
@Check('CHK_submissions_submitted_has_number', `"status" = 'draft' OR "registration_number" IS NOT NULL`)
export class SubmissionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_submissions' })
  id: string;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'FK_submissions_programme' })
  programme?: Relation<ProgrammeEntity>;

  @Column('uuid')
  clusterId: string;

  @ManyToOne(() => ClusterEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cluster_id', foreignKeyConstraintName: 'FK_submissions_cluster' })
  cluster?: Relation<ClusterEntity>;

  @Column({ type: 'enum', enum: SUBMISSION_STATUSES, enumName: 'submission_status', default: 'draft' })
  status: SubmissionStatus;

  @Column('text', { default: '' })
  title: string;

  @Column('text', { default: '' })
  summary: string;

  /** Section code → text, for the sections the programme asks for. */
  @Column('jsonb', { default: () => "'{}'" })
  sections: Record<string, string>;

  @Column('text', { default: '' })
  contactName: string;

  @Column('text', { default: '' })
  contactEmail: string;

  @Column('text', { default: '' })
  contactPhone: string;

  /** Programme code + gap-free sequence, given on the first submission and kept by every later version. */
  @Column('varchar', { length: 48, nullable: true })
  registrationNumber: string | null;

  /** The last submitted version (0 while never submitted); the last one before the deadline is the one that counts. */
  @Column('integer', { default: 0 })
  currentVersion: number;

  @Column('timestamptz', { nullable: true })
  firstSubmittedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  /** Federal request of the current version; counts toward the cluster's cap while the bid is active. */
  @Column('bigint', { default: 0 })
  submittedFederalKopecks: string;

  @Column('timestamptz', { nullable: true })
  withdrawnAt: Date | null;

  @Column('timestamptz', { nullable: true })
  eligibilityCheckedAt: Date | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
