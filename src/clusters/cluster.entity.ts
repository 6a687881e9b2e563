import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

@Entity('clusters')
@Unique('UQ_clusters_organisation_inn', ['organisationInn'])
@Check('CHK_clusters_member_count', `"member_count" >= 0`)
export class ClusterEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_clusters' })
  id: string;

  @Column('text')
  nameRu: string;

  @Column('text')
  nameEn: string;

  /** ISO 3166-2:RU, e.g. RU-TOM. */
  @Column('varchar', { length: 6 })
  regionCode: string;

  /** IANA zone, e.g. Asia/Tomsk; deadlines are shown in it next to Moscow time. */
  @Column('text')
  timeZone: string;

  /** The cluster's specialised organisation. */
  @Column('text')
  organisationName: string;

  @Column('varchar', { length: 12 })
  organisationInn: string;

  @Column('varchar', { length: 15 })
  organisationOgrn: string;

  @Column('integer')
  memberCount: number;

  @Column('text', { array: true, default: () => "'{}'" })
  industries: string[];

  /** INNs of listed participant organisations (used to derive reviewers' conflicts of interest). */
  @Column('text', { array: true, default: () => "'{}'" })
  participantInns: string[];

  @Column('boolean', { default: false })
  isDemo: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
