import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Tx } from '../common/database/transaction';
import type { SubmissionStatus } from '../submissions/submission.rules';
import { CommissionEntity, CommissionMemberEntity, MemberConflictEntity, ReviewAssignmentEntity } from './commission.entity';
import { ACTIVE_REVIEW_STATUSES } from './commission.rules';

/**
 * Bids a commission reviews: eligible after the close, then in review and scored — and afterwards ranked and
 * funded or not, which are still the bids its scores belong to (the scores pages and exports read them after
 * publication too).
 */
export const REVIEWABLE_STATUSES: SubmissionStatus[] = [
  'eligible',
  'in_review',
  'scored',
  'ranked',
  'funded',
  'partially_funded',
  'reserve',
  'not_funded',
];

export interface MemberRow extends CommissionMemberEntity {
  fullName: string;
  email: string;
}

export interface ReviewableBid {
  id: string;
  registrationNumber: string;
  title: string;
  status: SubmissionStatus;
  clusterId: string;
  clusterName: string;
  organisationInn: string;
  participantInns: string[];
  regionCode: string;
  industries: string[];
}

@Injectable()
export class CommissionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager) {
    return tx ?? this.dataSource.manager;
  }

  find(programmeId: string, tx?: Tx) {
    return this.manager(tx).getRepository(CommissionEntity).findOne({ where: { programmeId } });
  }

  /** Creates the commission on first use and locks it: every change of members, assignments and status queues here. */
  async lock(tx: Tx, programmeId: string): Promise<CommissionEntity> {
    await tx.query(`INSERT INTO commissions (programme_id) VALUES ($1) ON CONFLICT (programme_id) DO NOTHING`, [programmeId]);
    return (await tx
      .getRepository(CommissionEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.programme_id = :programmeId', { programmeId })
      .getOne())!;
  }

  saveCommission(tx: Tx, commission: CommissionEntity) {
    return tx.getRepository(CommissionEntity).save(commission);
  }

  async members(programmeId: string, tx?: Tx): Promise<MemberRow[]> {
    const rows = await this.manager(tx)
      .getRepository(CommissionMemberEntity)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where('m.programme_id = :programmeId', { programmeId })
      .orderBy('m.role', 'ASC')
      .addOrderBy('u.full_name', 'ASC')
      .getMany();
    return rows.map((m) => Object.assign(m, { fullName: m.user!.fullName, email: m.user!.email }));
  }

  findMember(programmeId: string, memberId: string, tx?: Tx) {
    return this.manager(tx)
      .getRepository(CommissionMemberEntity)
      .findOne({ where: { programmeId, id: memberId } });
  }

  findMemberByUser(programmeId: string, userId: string, tx?: Tx) {
    return this.manager(tx).getRepository(CommissionMemberEntity).findOne({ where: { programmeId, userId } });
  }

  saveMember(tx: Tx, member: Partial<CommissionMemberEntity>) {
    return tx.getRepository(CommissionMemberEntity).save(tx.getRepository(CommissionMemberEntity).create(member));
  }

  async deleteMember(tx: Tx, memberId: string) {
    await tx.getRepository(CommissionMemberEntity).delete({ id: memberId });
  }

  storedConflicts(programmeId: string, tx?: Tx) {
    return this.manager(tx)
      .getRepository(MemberConflictEntity)
      .find({ where: { programmeId }, order: { recordedAt: 'ASC' } });
  }

  insertConflict(tx: Tx, conflict: Partial<MemberConflictEntity>) {
    return tx.getRepository(MemberConflictEntity).save(tx.getRepository(MemberConflictEntity).create(conflict));
  }

  async reviewableBids(programmeId: string, tx?: Tx): Promise<ReviewableBid[]> {
    const rows = await this.manager(tx).query(
      `SELECT s.id, s.registration_number, s.title, s.status, c.id AS cluster_id, c.name_ru AS cluster_name,
              c.organisation_inn, c.participant_inns, c.region_code, c.industries
       FROM submissions s JOIN clusters c ON c.id = s.cluster_id
       WHERE s.programme_id = $1 AND s.status = ANY($2::submission_status[])
       ORDER BY s.registration_number`,
      [programmeId, REVIEWABLE_STATUSES],
    );
    return rows.map((r: Record<string, never>) => ({
      id: r.id,
      registrationNumber: r.registration_number,
      title: r.title,
      status: r.status,
      clusterId: r.cluster_id,
      clusterName: r.cluster_name,
      organisationInn: r.organisation_inn,
      participantInns: r.participant_inns,
      regionCode: r.region_code,
      industries: r.industries,
    }));
  }

  assignments(programmeId: string, tx?: Tx) {
    return this.manager(tx)
      .getRepository(ReviewAssignmentEntity)
      .find({ where: { programmeId }, order: { submissionId: 'ASC', memberId: 'ASC' } });
  }

  findAssignment(id: string, tx?: Tx, lock = false) {
    const query = this.manager(tx).getRepository(ReviewAssignmentEntity).createQueryBuilder('a').where('a.id = :id', { id });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  insertAssignments(tx: Tx, rows: Partial<ReviewAssignmentEntity>[]) {
    if (!rows.length) return Promise.resolve();
    return tx
      .getRepository(ReviewAssignmentEntity)
      .insert(rows)
      .then(() => undefined);
  }

  async deleteAssignments(tx: Tx, ids: string[]) {
    if (ids.length) await tx.getRepository(ReviewAssignmentEntity).delete({ id: In(ids) });
  }

  /** Draft scores of a review that was given up (recused); submitted ones are kept by the scores trigger. */
  async deleteScores(tx: Tx, assignmentId: string) {
    await tx.query(`DELETE FROM review_scores WHERE assignment_id = $1`, [assignmentId]);
  }

  saveAssignment(tx: Tx, assignment: ReviewAssignmentEntity) {
    return tx.getRepository(ReviewAssignmentEntity).save(assignment);
  }

  /** Moves bids between the review states; only from the states named, so a later state is never undone. */
  async setBidStatus(tx: Tx, ids: string[], to: SubmissionStatus, from: SubmissionStatus[]) {
    if (!ids.length) return;
    await tx.query(
      `UPDATE submissions SET status = $2, updated_at = now() WHERE id = ANY($1::uuid[]) AND status = ANY($3::submission_status[])`,
      [ids, to, from],
    );
  }

  /** Bids whose every active review is submitted (and that have at least `needed` of them). */
  async fullyReviewed(tx: Tx, submissionIds: string[], needed: number): Promise<string[]> {
    const rows = await tx.query(
      `SELECT submission_id FROM review_assignments
       WHERE submission_id = ANY($1::uuid[]) AND status = ANY($2::review_status[])
       GROUP BY submission_id
       HAVING count(*) FILTER (WHERE status = 'submitted') = count(*) AND count(*) >= $3`,
      [submissionIds, ACTIVE_REVIEW_STATUSES, needed],
    );
    return rows.map((r: { submission_id: string }) => r.submission_id);
  }

  async clock(tx?: Tx): Promise<Date> {
    const [row] = await this.manager(tx).query('SELECT clock_timestamp() AS now');
    return row.now as Date;
  }
}
