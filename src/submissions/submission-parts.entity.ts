import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation, Unique } from 'typeorm';
import { BUDGET_SOURCES, type BudgetSource } from './submission.rules';
import { SubmissionEntity } from './submission.entity';

@Entity('submission_budget_lines')
@Check('CHK_submission_budget_lines_amount', `"amount_kopecks" >= 0`)
export class BudgetLineEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_submission_budget_lines' })
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'FK_submission_budget_lines_submission' })
  submission?: Relation<SubmissionEntity>;

  @PrimaryColumn('integer', { primaryKeyConstraintName: 'PK_submission_budget_lines' })
  year: number;

  @PrimaryColumn('varchar', { length: 32, primaryKeyConstraintName: 'PK_submission_budget_lines' })
  category: string;

  @PrimaryColumn({ type: 'enum', enum: BUDGET_SOURCES, enumName: 'budget_source', primaryKeyConstraintName: 'PK_submission_budget_lines' })
  source: BudgetSource;

  @Column('bigint')
  amountKopecks: string;
}

/** A PDF attached to the working copy; the file itself is stored by its sha256, so old versions keep theirs. */
@Entity('submission_attachments')
@Unique('UQ_submission_attachments_kind', ['submissionId', 'kind'])
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_submission_attachments' })
  id: string;

  @Column('uuid')
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'FK_submission_attachments_submission' })
  submission?: Relation<SubmissionEntity>;

  @Column('varchar', { length: 32 })
  kind: string;

  @Column('text')
  fileName: string;

  @Column('integer')
  sizeBytes: number;

  @Column('varchar', { length: 64 })
  sha256: string;

  @Column('uuid', { nullable: true })
  uploadedBy: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  uploadedAt: Date;
}

/** One submission event: the frozen content, its hash and the database time; append-only (trigger). */
@Entity('submission_versions')
@Unique('UQ_submission_versions_version', ['submissionId', 'version'])
export class SubmissionVersionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_submission_versions' })
  id: string;

  @Column('uuid')
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'FK_submission_versions_submission' })
  submission?: Relation<SubmissionEntity>;

  @Column('integer')
  version: number;

  @Column('varchar', { length: 48 })
  registrationNumber: string;

  @Column('timestamptz')
  submittedAt: Date;

  @Column('uuid', { nullable: true })
  submittedBy: string | null;

  @Column('jsonb')
  content: unknown;

  @Column('varchar', { length: 64 })
  contentSha256: string;

  @Column('bigint')
  federalKopecks: string;

  @Column('bigint')
  regionalKopecks: string;

  @Column('bigint')
  extraBudgetaryKopecks: string;
}

@Entity('eligibility_results')
export class EligibilityResultEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_eligibility_results' })
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'FK_eligibility_results_submission' })
  submission?: Relation<SubmissionEntity>;

  @PrimaryColumn('varchar', { length: 32, primaryKeyConstraintName: 'PK_eligibility_results' })
  itemCode: string;

  @Column('boolean')
  passed: boolean;

  @Column('text', { default: '' })
  reason: string;

  @Column('uuid', { nullable: true })
  checkedBy: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  checkedAt: Date;
}
