import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, Relation } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';

/** One pass/fail item of the eligibility checklist the ministry applies after the call closes. */
@Entity('eligibility_items')
@Unique('UQ_eligibility_items_programme_code', ['programmeId', 'code'])
export class EligibilityItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_eligibility_items' })
  id: string;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, (programme) => programme.eligibilityItems, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'FK_eligibility_items_programme' })
  programme?: Relation<ProgrammeEntity>;

  @Column('integer')
  position: number;

  @Column('varchar', { length: 32 })
  code: string;

  @Column('text')
  textRu: string;

  @Column('text')
  textEn: string;
}
