import { openProgramme } from '../support/bids';
import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { aMember, API, aProgrammeInScoring, assignments, expectError, Member, runAssignment, ScoringProgramme } from './helpers';

const pairsOf = (items: { submissionId: string; memberId: string }[]) => items.map((a) => `${a.submissionId}:${a.memberId}`).sort();

describe('reviewer assignment', () => {
  let t: TestApp;
  let ministry: TestUser;
  let programme: ScoringProgramme;
  let members: Member[];
  let conflicted: Member;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    programme = await aProgrammeInScoring(t, ministry, { bids: 4, rules: { reviewersPerBid: 2 } });
    members = [];
    members.push(await aMember(t, ministry, programme.id, { role: 'chair', loadCap: 3 }));
    for (let i = 0; i < 3; i++) members.push(await aMember(t, ministry, programme.id, { loadCap: 3 }));
    // works for bid 0's specialised organisation: must never review bid 0
    conflicted = await aMember(t, ministry, programme.id, { loadCap: 3, organisationInn: programme.bids[0].organisationInn });
    members.push(conflicted);
  });
  afterAll(() => t.close());

  describe('assignment waits for the call to close', () => {
    it('refuses while the programme is still open with 409, writing nothing', async () => {
      const open = await openProgramme(t, ministry);
      await aMember(t, ministry, open.id);
      expectError(await runAssignment(t, ministry, open.id), 409, 'COMMISSION_PROGRAMME_NOT_CLOSED');
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM review_assignments WHERE programme_id = $1', [open.id]);
      expect(rows[0].n).toBe(0);
    });
  });

  describe('every eligible bid gets reviewersPerBid reviewers, without conflicts, within caps, balanced', () => {
    it('assigns and moves bids to in_review and the programme to scoring', async () => {
      const run = await runAssignment(t, ministry, programme.id, { seed: 7 }).expect(200);
      expect(run.body).toMatchObject({ seed: 7, added: 8, removed: 0 });
      const { items, loads } = await assignments(t, ministry, programme.id);
      expect(items).toHaveLength(8);
      for (const bid of programme.bids) {
        const reviewers = items.filter((a) => a.submissionId === bid.id).map((a) => a.memberId);
        expect({ bid: bid.registrationNumber, reviewers: new Set(reviewers).size }).toEqual({ bid: bid.registrationNumber, reviewers: 2 });
      }
      expect(items.filter((a) => a.submissionId === programme.bids[0].id && a.memberId === conflicted.id)).toEqual([]);
      const values = members.map((m) => loads[m.id]);
      expect(Math.max(...values)).toBeLessThanOrEqual(3);
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
      expect(values.reduce((a, b) => a + b, 0)).toBe(8);

      const bids = await t.db.query('SELECT status FROM submissions WHERE programme_id = $1', [programme.id]);
      expect(bids.rows.map((r) => r.status)).toEqual(['in_review', 'in_review', 'in_review', 'in_review']);
      const p = await t.db.query('SELECT status FROM programmes WHERE id = $1', [programme.id]);
      expect(p.rows[0].status).toBe('scoring');
      const commission = await t.http().get(`${API}/programmes/${programme.id}/commission`).set(ministry.auth).expect(200);
      expect(commission.body).toMatchObject({ status: 'reviewing', assignmentSeed: 7 });
    });

    it('gives the same assignment for the same seed', async () => {
      const first = pairsOf((await assignments(t, ministry, programme.id)).items);
      await runAssignment(t, ministry, programme.id, { seed: 99 }).expect(200);
      await runAssignment(t, ministry, programme.id, { seed: 7 }).expect(200);
      expect(pairsOf((await assignments(t, ministry, programme.id)).items)).toEqual(first);
      const again = await runAssignment(t, ministry, programme.id, { seed: 7 }).expect(200);
      expect(again.body).toMatchObject({ added: 0, removed: 0 });
    });

    it('respects load caps: lower caps still give a valid, capped assignment', async () => {
      const other = await aProgrammeInScoring(t, ministry, { bids: 3, rules: { reviewersPerBid: 2 } });
      const small = await aMember(t, ministry, other.id, { loadCap: 1 });
      const rest = [await aMember(t, ministry, other.id, { loadCap: 3 }), await aMember(t, ministry, other.id, { loadCap: 3 })];
      await runAssignment(t, ministry, other.id, { seed: 3 }).expect(200);
      const { loads, items } = await assignments(t, ministry, other.id);
      expect(loads[small.id]).toBeLessThanOrEqual(1);
      expect(items).toHaveLength(6);
      expect(loads[small.id] + loads[rest[0].id] + loads[rest[1].id]).toBe(6);
    });
  });

  describe('an impossible assignment is 422 COMMISSION_ASSIGNMENT_INFEASIBLE naming the bid', () => {
    it('too few non-conflicted members for a bid', async () => {
      const other = await aProgrammeInScoring(t, ministry, { bids: 2, rules: { reviewersPerBid: 2 } });
      await aMember(t, ministry, other.id, { loadCap: 5 });
      await aMember(t, ministry, other.id, { loadCap: 5, organisationInn: other.bids[1].organisationInn });
      await aMember(t, ministry, other.id, { loadCap: 5, organisationInn: other.bids[1].organisationInn });
      const refused = await runAssignment(t, ministry, other.id);
      expectError(refused, 422, 'COMMISSION_ASSIGNMENT_INFEASIBLE');
      expect(refused.body.error.message).toContain(other.bids[1].registrationNumber);
      expect(refused.body.error.message).not.toContain(other.bids[1].id);
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM review_assignments WHERE programme_id = $1', [other.id]);
      expect(rows[0].n).toBe(0);
      const statuses = await t.db.query('SELECT DISTINCT status FROM submissions WHERE programme_id = $1', [other.id]);
      expect(statuses.rows).toEqual([{ status: 'eligible' }]);
    });
  });

  describe('a member who declares a conflict on their review steps aside and the bid gets another reviewer', () => {
    it('recuses the review and reassigns within caps and conflicts', async () => {
      const before = await assignments(t, ministry, programme.id);
      const review = before.items.find((a) => a.memberId !== conflicted.id && a.submissionId === programme.bids[2].id)!;
      const member = members.find((m) => m.id === review.memberId)!;
      const declared = await t
        .http()
        .post(`${API}/reviews/${review.id}/conflict`)
        .set(member.user.auth)
        .send({ kind: 'co-author', reason: 'Соавтор руководителя проекта кластера' })
        .expect(201);
      expect(declared.body).toMatchObject({ submissionId: programme.bids[2].id, problems: [] });
      expect(declared.body.newMemberIds).toHaveLength(1);
      const after = await assignments(t, ministry, programme.id);
      const active = after.items.filter((a) => a.submissionId === programme.bids[2].id && a.status !== 'recused');
      expect(active).toHaveLength(2);
      expect(active.map((a) => a.memberId)).not.toContain(member.id);
      expect(after.items.find((a) => a.id === review.id)?.status).toBe('recused');
      for (const m of members) expect(after.loads[m.id]).toBeLessThanOrEqual(3);
      expect((await t.http().get(`${API}/reviews/${review.id}`).set(member.user.auth)).status).toBe(404);
    });
  });

  describe('a manual swap keeps every rule and is audited', () => {
    const swap = (body: Record<string, unknown>) =>
      t.http().put(`${API}/programmes/${programme.id}/commission/assignments/swap`).set(ministry.auth).send(body);

    it('refuses a swap to a conflicted member with 422', async () => {
      const { items } = await assignments(t, ministry, programme.id);
      const bid0 = programme.bids[0].id;
      const from = items.find((a) => a.submissionId === bid0)!;
      const refused = await swap({
        submissionId: bid0,
        fromMemberId: from.memberId,
        toMemberId: conflicted.id,
        reason: 'Перераспределение нагрузки',
      });
      expectError(refused, 422, 'COMMISSION_SWAP_INVALID', [expect.objectContaining({ field: 'toMemberId', rule: 'CONFLICT' })]);
      expect(pairsOf((await assignments(t, ministry, programme.id)).items)).toEqual(pairsOf(items));
    });

    it('refuses a swap to a member already on the bid', async () => {
      const { items } = await assignments(t, ministry, programme.id);
      const bid = programme.bids[1].id;
      const [a, b] = items.filter((x) => x.submissionId === bid);
      const refused = await swap({
        submissionId: bid,
        fromMemberId: a.memberId,
        toMemberId: b.memberId,
        reason: 'Перераспределение нагрузки',
      });
      expect(refused.status).toBe(422);
    });

    it('refuses to move a review already started (409)', async () => {
      const { items, loads } = await assignments(t, ministry, programme.id);
      const started = items.find((a) => a.status === 'assigned' && a.submissionId !== programme.bids[0].id)!;
      const owner = members.find((m) => m.id === started.memberId)!;
      await t
        .http()
        .put(`${API}/reviews/${started.id}/scores`)
        .set(owner.user.auth)
        .send({ scores: [{ criterionCode: 'quality', score: 3, justification: 'черновик' }] })
        .expect(200);
      const on = items.filter((a) => a.submissionId === started.submissionId).map((a) => a.memberId);
      const to = members.find((m) => !on.includes(m.id) && loads[m.id] < 3)!;
      const refused = await swap({
        submissionId: started.submissionId,
        fromMemberId: owner.id,
        toMemberId: to.id,
        reason: 'Перераспределение нагрузки',
      });
      expectError(refused, 409, 'COMMISSION_REVIEW_STARTED');
    });

    it('performs a valid swap (200) and audits it as commission.assignment_swapped', async () => {
      const { items: all, loads } = await assignments(t, ministry, programme.id);
      const items = all.filter((a) => a.status !== 'recused');
      let chosen: { bidId: string; from: string; to: string } | undefined;
      for (const bid of programme.bids) {
        const on = items.filter((a) => a.submissionId === bid.id).map((a) => a.memberId);
        const from = items.find((a) => a.submissionId === bid.id && a.status === 'assigned');
        const to = members.find((m) => !on.includes(m.id) && loads[m.id] < 3 && !(m === conflicted && bid === programme.bids[0]));
        if (to && from) {
          chosen = { bidId: bid.id, from: from.memberId, to: to.id };
          break;
        }
      }
      expect(chosen).toBeDefined();
      const { bidId, from, to } = chosen!;
      const done = await swap({ submissionId: bidId, fromMemberId: from, toMemberId: to, reason: 'Перераспределение нагрузки' }).expect(
        200,
      );
      const after = done.body.items
        .filter((a: { submissionId: string }) => a.submissionId === bidId)
        .map((a: { memberId: string }) => a.memberId);
      expect(after).toContain(to);
      expect(after).not.toContain(from);
      expect(
        done.body.items.find((a: { submissionId: string; memberId: string }) => a.submissionId === bidId && a.memberId === to).origin,
      ).toBe('manual');

      const audit = await t
        .http()
        .get(`${API}/audit?action=commission.assignment_swapped&entityId=${bidId}`)
        .set(ministry.auth)
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'commission.assignment_swapped',
          entityId: bidId,
          actorId: ministry.id,
          before: { memberId: from },
          after: { memberId: to, reason: 'Перераспределение нагрузки' },
        }),
      ]);
    });
  });
});
