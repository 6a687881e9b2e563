import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, Relation } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';

@Entity('criteria')
@Unique('UQ_criteria_programme_code', ['programmeId', 'code'])
@Check('CHK_criteria_scale', `"scale_max" > "scale_min" AND "scale_step" > 0 AND "weight" > 0`)
export class CriterionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_criteria' })
  id: string;

  @Column('uuid')
  programmeId: string;

  @ManyToOne(() => ProgrammeEntity, (programme) => programme.criteria, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'FK_criteria_programme' })
  programme?: Relation<ProgrammeEntity>;

  @Column('integer')
  position: number;

  @Column('varchar', { length: 32 })
  code: string;

  @Column('text')
  titleRu: string;

  @Column('text')
  titleEn: string;

  /** Whole percent; a programme's weights add up to 100. */
  @Column('integer')
  weight: number;

  @Column('numeric', { precision: 7, scale: 2 })
  scaleMin: string;

  @Column('numeric', { precision: 7, scale: 2 })
  scaleMax: string;

  @Column('numeric', { precision: 7, scale: 2 })
  scaleStep: string;

  @Column('numeric', { precision: 7, scale: 2, nullable: true })
  minScore: string | null;
}
