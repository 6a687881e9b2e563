import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  Relation,
} from 'typeorm';
import { AGGREGATIONS, ALLOCATION_POLICIES, PROGRAMME_STATUSES } from './programme.rules';
import type { Aggregation, AllocationPolicy, AttachmentKind, ProgrammeStatus, SectionRule, TieBreakRule } from './programme.rules';
import { CriterionEntity } from './criterion.entity';
import { EligibilityItemEntity } from './eligibility-item.entity';

@Entity('programmes')
@Unique('UQ_programmes_code', ['code'])
@Index('IDX_programmes_status', ['status'])
@Check('CHK_programmes_window', `"closes_at" IS NULL OR "opens_at" IS NULL OR "closes_at" > "opens_at"`)
@Check(
  'CHK_programmes_money',
  `coalesce("budget_kopecks", 1) > 0 AND coalesce("max_federal_per_bid_kopecks", 0) >= 0 AND coalesce("max_federal_per_cluster_kopecks", 0) >= 0`,
)
@Check('CHK_programmes_cofinancing', `"min_cofinancing_basis_points" BETWEEN 0 AND 10000`)
@Check(
  'CHK_programmes_complete_unless_draft',
  `"status" = 'draft' OR ("opens_at" IS NOT NULL AND "closes_at" IS NOT NULL AND "rules_version" > 0 AND ("allocation_policy" = 'select-top-n' OR ("budget_kopecks" IS NOT NULL AND "max_federal_per_bid_kopecks" IS NOT NULL AND "max_federal_per_cluster_kopecks" IS NOT NULL)))`,
)
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_programmes' })
  id: string;

  @Column('varchar', { length: 32 })
  code: string;

  @Column('text')
  titleRu: string;

  @Column('text')
  titleEn: string;

  @Column('text', { default: '' })
  descriptionRu: string;

  @Column('text', { default: '' })
  descriptionEn: string;

  @Column({ type: 'enum', enum: PROGRAMME_STATUSES, enumName: 'programme_status', default: 'draft' })
  status: ProgrammeStatus;

  /** 0 while a draft; 1 when it opens (rules frozen); each audited change after that adds one. */
  @Column('integer', { default: 0 })
  rulesVersion: number;

  @Column('timestamptz', { nullable: true })
  opensAt: Date | null;

  @Column('timestamptz', { nullable: true })
  closesAt: Date | null;

  @Column('bigint', { nullable: true })
  budgetKopecks: string | null;

  @Column('integer', { array: true, default: () => "'{}'" })
  fundingYears: number[];

  @Column('text', { array: true, default: () => "'{}'" })
  costCategories: string[];

  @Column('bigint', { nullable: true })
  maxFederalPerBidKopecks: string | null;

  @Column('bigint', { nullable: true })
  maxFederalPerClusterKopecks: string | null;

  /** Regional plus extra-budgetary funds as a share of a bid's total, in basis points (3000 = 30 %). */
  @Column('integer', { default: 0 })
  minCofinancingBasisPoints: number;

  @Column('boolean', { default: true })
  singleActiveBid: boolean;

  @Column('jsonb', { default: () => "'[]'" })
  sections: SectionRule[];

  @Column('jsonb', { default: () => "'[]'" })
  attachmentKinds: AttachmentKind[];

  @Column('integer', { default: 20971520 })
  maxAttachmentBytes: number;

  @Column('numeric', { precision: 7, scale: 2, nullable: true })
  minWeightedTotal: string | null;

  @Column('integer', { default: 3 })
  reviewersPerBid: number;

  @Column({ type: 'enum', enum: AGGREGATIONS, enumName: 'programme_aggregation', default: 'mean' })
  aggregation: Aggregation;

  /** For the trimmed mean: share of reviewers' scores cut from each end, in basis points. */
  @Column('integer', { default: 2000 })
  trimBasisPoints: number;

  @Column('numeric', { precision: 7, scale: 2, nullable: true })
  disagreementThreshold: string | null;

  @Column('integer', { default: 50 })
  minJustificationLength: number;

  /** Whether a reviewer from the cluster's own region counts as conflicted. */
  @Column('boolean', { default: false })
  conflictSameRegion: boolean;

  @Column('jsonb', { default: () => "'[]'" })
  tieBreakChain: TieBreakRule[];

  @Column({ type: 'enum', enum: ALLOCATION_POLICIES, enumName: 'programme_allocation_policy', default: 'greedy-skip' })
  allocationPolicy: AllocationPolicy;

  @Column('integer', { nullable: true })
  partialMinShareBasisPoints: number | null;

  @Column('integer', { nullable: true })
  selectTopN: number | null;

  @Column('integer', { default: 5 })
  reserveListLength: number;

  @Column('integer', { default: 10 })
  appealWindowDays: number;

  @Column('boolean', { default: false })
  isDemo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => CriterionEntity, (criterion) => criterion.programme)
  criteria?: Relation<CriterionEntity>[];

  @OneToMany(() => EligibilityItemEntity, (item) => item.programme)
  eligibilityItems?: Relation<EligibilityItemEntity>[];
}
