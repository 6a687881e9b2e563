import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { ReviewAssignmentEntity } from '../commissions/commission.entity';
import { SubmissionEntity } from '../submissions/submission.entity';

/** A reviewer's score on one criterion, with the written justification. Draft until the review is submitted. */
@Entity('review_scores')
export class ReviewScoreEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_review_scores' })
  assignmentId: string;

  @ManyToOne(() => ReviewAssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'FK_review_scores_assignment' })
  assignment?: Relation<ReviewAssignmentEntity>;

  @PrimaryColumn('varchar', { length: 32, primaryKeyConstraintName: 'PK_review_scores' })
  criterionCode: string;

  @Column('numeric', { precision: 7, scale: 2 })
  score: string;

  @Column('text')
  justification: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The chair's consensus score on a criterion where the reviewers disagreed; it replaces the aggregate. */
@Entity('consensus_scores')
export class ConsensusScoreEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_consensus_scores' })
  submissionId: string;

  @ManyToOne(() => SubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submission_id', foreignKeyConstraintName: 'FK_consensus_scores_submission' })
  submission?: Relation<SubmissionEntity>;

  @PrimaryColumn('varchar', { length: 32, primaryKeyConstraintName: 'PK_consensus_scores' })
  criterionCode: string;

  @Column('uuid')
  programmeId: string;

  @Column('numeric', { precision: 7, scale: 2 })
  score: string;

  @Column('text')
  justification: string;

  @Column('uuid')
  decidedBy: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  decidedAt: Date;
}
