import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, Relation } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';

/** A frozen snapshot of a programme's rules: version 1 when it opens, one more per audited change after. */
@Entity('programme_rule_versions')
@Unique('UQ_programme_rule_versions_version', ['programmeId', 'version'])
export class ProgrammeRuleVersionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_programme_rule_versions' })
  id: string;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'FK_programme_rule_versions_programme' })
  programme?: Relation<ProgrammeEntity>;

  @Column('integer')
  version: number;

  @Column('jsonb')
  rules: unknown;

  @Column('text')
  reason: string;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
