import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ProgrammeEntity } from '../programmes/programme.entity';
import { SubmissionEntity } from '../submissions/submission.entity';
import { UserEntity } from '../users/user.entity';
import {
  ASSIGNMENT_ORIGINS,
  type AssignmentOrigin,
  COMMISSION_STATUSES,
  type CommissionStatus,
  CONFLICT_KINDS,
  type ConflictKind,
  MEMBER_ROLES,
  type MemberRole,
  REVIEW_STATUSES,
  type ReviewStatus,
} from './commission.rules';

/** A programme's scoring commission: one per programme, keyed by it. */
@Entity('commissions')
export class CommissionEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_commissions' })
  programmeId: string;

  @OneToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'FK_commissions_programme' })
  programme?: Relation<ProgrammeEntity>;

  @Column({ type: 'enum', enum: COMMISSION_STATUSES, enumName: 'commission_status', default: 'forming' })
  status: CommissionStatus;

  /** Reviews not submitted by then count as overdue. */
  @Column('timestamptz', { nullable: true })
  reviewDueAt: Date | null;

  /** The seed of the last solver run, so the assignment can be reproduced. */
  @Column('integer', { nullable: true })
  assignmentSeed: number | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('commission_members')
@Unique('UQ_commission_members_user', ['programmeId', 'userId'])
@Index('IDX_commission_members_one_chair', ['programmeId'], { unique: true, where: `"role" = 'chair'` })
@Check('CHK_commission_members_load_cap', `"load_cap" >= 0`)
export class CommissionMemberEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_commission_members' })
  id: string;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => CommissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'FK_commission_members_commission' })
  commission?: Relation<CommissionEntity>;

  @Column('uuid')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_commission_members_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'enum', enum: MEMBER_ROLES, enumName: 'commission_member_role' })
  role: MemberRole;

  @Column('text')
  organisationName: string;

  @Column('varchar', { length: 12 })
  organisationInn: string;

  @Column('varchar', { length: 6 })
  regionCode: string;

  @Column('integer')
  loadCap: number;

  @Column('text', { array: true, default: () => "'{}'" })
  expertise: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A conflict of interest declared by the member or entered by ministry staff (derived ones are computed). */
@Entity('member_conflicts')
@Unique('UQ_member_conflicts_pair', ['memberId', 'submissionId'])
@Check('CHK_member_conflicts_source', `"source" IN ('member', 'staff')`)
export class MemberConflictEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_member_conflicts' })
  id: string;

  @Column('uuid')
  programmeId: string;

  @Column('uuid')
  memberId: string;

  @ManyToOne(() => CommissionMemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'FK_member_conflicts_member' })
  member?: Relation<CommissionMemberEntity>;

  @Column('uuid')
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'FK_member_conflicts_submission' })
  submission?: Relation<SubmissionEntity>;

  @Column({ type: 'enum', enum: CONFLICT_KINDS, enumName: 'conflict_kind' })
  kind: ConflictKind;

  /** 'member' when the member declared it, 'staff' when ministry staff entered it. */
  @Column('varchar', { length: 8 })
  source: 'member' | 'staff';

  @Column('text')
  reason: string;

  @Column('uuid', { nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}

/** One reviewer on one bid. A recused review stays as the record of the member stepping aside. */
@Entity('review_assignments')
@Unique('UQ_review_assignments_pair', ['submissionId', 'memberId'])
@Index('IDX_review_assignments_programme', ['programmeId'])
@Index('IDX_review_assignments_member', ['memberId'])
export class ReviewAssignmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_review_assignments' })
  id: string;

  @Column('uuid')
  programmeId: string;

  @Column('uuid')
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'FK_review_assignments_submission' })
  submission?: Relation<SubmissionEntity>;

  @Column('uuid')
  memberId: string;

  @ManyToOne(() => CommissionMemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'FK_review_assignments_member' })
  member?: Relation<CommissionMemberEntity>;

  @Column({ type: 'enum', enum: REVIEW_STATUSES, enumName: 'review_status', default: 'assigned' })
  status: ReviewStatus;

  @Column({ type: 'enum', enum: ASSIGNMENT_ORIGINS, enumName: 'assignment_origin' })
  origin: AssignmentOrigin;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt: Date;

  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  recusedAt: Date | null;
}
