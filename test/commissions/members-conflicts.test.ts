import { randomUUID } from 'node:crypto';
import { anInn } from '../support/factories';
import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { aMember, API, aProgrammeInScoring, detail, expectError, memberBody, ScoringProgramme } from './helpers';

const REASON = 'Рецензент ранее консультировал этот кластер';

describe('commission members and conflicts of interest', () => {
  let t: TestApp;
  let ministry: TestUser;
  let auditor: TestUser;
  let programme: ScoringProgramme;
  const commission = (id = programme.id) => `${API}/programmes/${id}/commission`;
  const addMember = (as: TestUser, body: Record<string, unknown>) => t.http().post(`${commission()}/members`).set(as.auth).send(body);
  const conflicts = async () => (await t.http().get(`${commission()}/conflicts`).set(ministry.auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    auditor = await t.user('auditor');
    // bid 0: cluster in Tomsk with one participant INN; bid 1: cluster in Novosibirsk
    programme = await aProgrammeInScoring(t, ministry, {
      rules: { conflictSameRegion: true },
      clusters: [
        { regionCode: 'RU-TOM', participantInns: [anInn()] },
        { regionCode: 'RU-NVS', timeZone: 'Asia/Novosibirsk' },
      ],
    });
  });
  afterAll(() => t.close());

  describe('a commission has one chair; members are distinct commissioner accounts', () => {
    it('adds a chair and members, shown in GET commission; a second chair is 409 COMMISSION_CHAIR_TAKEN', async () => {
      const chair = await aMember(t, ministry, programme.id, { role: 'chair', regionCode: 'RU-MOW' });
      const member = await aMember(t, ministry, programme.id, { regionCode: 'RU-MOW' });
      const view = await t.http().get(commission()).set(ministry.auth).expect(200);
      expect(view.body.members).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: chair.id, userId: chair.user.id, role: 'chair', regionCode: 'RU-MOW', loadCap: 10 }),
          expect.objectContaining({ id: member.id, userId: member.user.id, role: 'member' }),
        ]),
      );

      const another = await t.user('commissioner');
      const refused = await addMember(ministry, memberBody(another, { role: 'chair' }));
      expectError(refused, 409, 'COMMISSION_CHAIR_TAKEN');
      // promoting a member to chair is refused the same way
      const promoted = await t.http().patch(`${commission()}/members/${member.id}`).set(ministry.auth).send({ role: 'chair' });
      expectError(promoted, 409, 'COMMISSION_CHAIR_TAKEN');
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM commission_members WHERE programme_id = $1 AND role = 'chair'`, [
        programme.id,
      ]);
      expect(rows[0].n).toBe(1);
    });

    it('refuses a user who is not a commissioner with 422 naming userId', async () => {
      const applicantLike = await t.user('auditor');
      expectError(await addMember(ministry, memberBody(applicantLike)), 422, 'COMMISSION_NOT_A_COMMISSIONER', [detail('userId')]);
      expectError(await addMember(ministry, memberBody({ id: randomUUID() } as TestUser)), 422, 'COMMISSION_NOT_A_COMMISSIONER');
    });

    it('refuses the same user twice with 409', async () => {
      const user = await t.user('commissioner');
      await addMember(ministry, memberBody(user)).expect(201);
      expectError(await addMember(ministry, memberBody(user)), 409, 'COMMISSION_ALREADY_MEMBER');
    });

    it.each([
      ['organisationInn', { organisationInn: '1234567890' }],
      ['regionCode', { regionCode: 'RU-XXX' }],
      ['loadCap', { loadCap: -1 }],
      ['role', { role: 'boss' }],
    ])('refuses a bad %s with 400 naming the field, writing nothing', async (field, override) => {
      const user = await t.user('commissioner');
      const before = await t.db.query('SELECT count(*)::int AS n FROM commission_members');
      const response = await addMember(ministry, memberBody(user, override));
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect((await t.db.query('SELECT count(*)::int AS n FROM commission_members')).rows[0].n).toBe(before.rows[0].n);
    });
  });

  describe('conflicts follow from organisation and region data, and can be recorded by staff and members', () => {
    it('derives same-organisation (cluster organisation INN and participant INN) and same-region conflicts', async () => {
      const [tomsk, nsk] = programme.bids;
      const orgMember = await aMember(t, ministry, programme.id, { organisationInn: nsk.organisationInn, regionCode: 'RU-MOW' });
      const participantMember = await aMember(t, ministry, programme.id, {
        organisationInn: tomsk.participantInns[0],
        regionCode: 'RU-MOW',
      });
      const regionMember = await aMember(t, ministry, programme.id, { regionCode: 'RU-TOM' });
      const { items } = await conflicts();
      const of = (memberId: string) => items.filter((c: { memberId: string }) => c.memberId === memberId);
      expect(of(orgMember.id)).toEqual([
        expect.objectContaining({
          submissionId: nsk.id,
          kind: 'same-organisation',
          source: 'derived',
          registrationNumber: nsk.registrationNumber,
        }),
      ]);
      expect(of(participantMember.id)).toEqual([
        expect.objectContaining({ submissionId: tomsk.id, kind: 'same-organisation', source: 'derived' }),
      ]);
      expect(of(regionMember.id)).toEqual([expect.objectContaining({ submissionId: tomsk.id, kind: 'same-region', source: 'derived' })]);
    });

    it('derives no same-region conflict when the programme does not ask for it', async () => {
      const other = await aProgrammeInScoring(t, ministry, { bids: 1 });
      const member = await aMember(t, ministry, other.id, { regionCode: other.bids[0].regionCode });
      const { body } = await t
        .http()
        .get(`${commission(other.id)}/conflicts`)
        .set(ministry.auth)
        .expect(200);
      expect(body.items.filter((c: { memberId: string }) => c.memberId === member.id)).toEqual([]);
    });

    it('staff record a conflict (audited); a duplicate is 409', async () => {
      const member = await aMember(t, ministry, programme.id, { regionCode: 'RU-MOW' });
      const bid = programme.bids[1];
      const body = { memberId: member.id, submissionId: bid.id, kind: 'family', reason: REASON };
      const recorded = await t.http().post(`${commission()}/conflicts`).set(ministry.auth).send(body);
      expect(recorded.status).toBe(201);
      expect((await conflicts()).items).toEqual(
        expect.arrayContaining([expect.objectContaining({ memberId: member.id, submissionId: bid.id, kind: 'family', source: 'staff' })]),
      );
      const { rows } = await t.db.query(`SELECT after FROM audit_log WHERE action = 'commission.conflict_recorded' AND entity_id = $1`, [
        bid.id,
      ]);
      expect(rows.map((r) => r.after)).toEqual(expect.arrayContaining([expect.objectContaining({ memberId: member.id, source: 'staff' })]));

      expectError(await t.http().post(`${commission()}/conflicts`).set(ministry.auth).send(body), 409, 'COMMISSION_CONFLICT_EXISTS');
      // an unknown member or bid is 404
      const unknown = await t
        .http()
        .post(`${commission()}/conflicts`)
        .set(ministry.auth)
        .send({ ...body, memberId: randomUUID() });
      expect(unknown.status).toBe(404);
    });

    it('a member declares their own conflict through my-conflicts; a commissioner not on the commission gets 404', async () => {
      const member = await aMember(t, ministry, programme.id, { regionCode: 'RU-MOW' });
      const bid = programme.bids[0];
      const body = { submissionId: bid.id, kind: 'co-author', reason: REASON };
      const declared = await t.http().post(`${commission()}/my-conflicts`).set(member.user.auth).send(body);
      expect(declared.status).toBe(201);
      expect((await conflicts()).items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ memberId: member.id, submissionId: bid.id, kind: 'co-author', source: 'member' }),
        ]),
      );
      expectError(await t.http().post(`${commission()}/my-conflicts`).set(member.user.auth).send(body), 409, 'COMMISSION_CONFLICT_EXISTS');

      const outsider = await t.user('commissioner');
      expect((await t.http().post(`${commission()}/my-conflicts`).set(outsider.auth).send(body)).status).toBe(404);
      // a short reason is a 400 naming it
      const short = await t
        .http()
        .post(`${commission()}/my-conflicts`)
        .set(member.user.auth)
        .send({ ...body, reason: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    });
  });

  describe('access: ministry writes, auditor reads, applicants and anonymous are refused', () => {
    it('the auditor reads the commission and conflicts but cannot write', async () => {
      await t.http().get(commission()).set(auditor.auth).expect(200);
      await t.http().get(`${commission()}/conflicts`).set(auditor.auth).expect(200);
      await t.http().get(`${commission()}/assignments`).set(auditor.auth).expect(200);
      const user = await t.user('commissioner');
      expect((await addMember(auditor, memberBody(user))).status).toBe(403);
      const conflict = { memberId: randomUUID(), submissionId: programme.bids[0].id, kind: 'other', reason: REASON };
      expect((await t.http().post(`${commission()}/conflicts`).set(auditor.auth).send(conflict)).status).toBe(403);
      expect((await t.http().patch(commission()).set(auditor.auth).send({ reviewDueAt: null })).status).toBe(403);
    });

    it('applicants get 403, commissioners 403 on staff routes, anonymous 401', async () => {
      const applicant = await t.user('applicant');
      const commissioner = await t.user('commissioner');
      for (const who of [applicant, commissioner]) {
        expect((await t.http().get(commission()).set(who.auth)).status).toBe(403);
        expect((await t.http().get(`${commission()}/conflicts`).set(who.auth)).status).toBe(403);
        expect((await addMember(who, memberBody(commissioner))).status).toBe(403);
      }
      expect((await t.http().post(`${commission()}/my-conflicts`).set(applicant.auth).send({})).status).toBe(403);
      expect((await t.http().get(commission())).status).toBe(401);
      expect((await t.http().post(`${commission()}/members`).send(memberBody(commissioner))).status).toBe(401);
    });

    it('an unknown programme is 404', async () => {
      expect((await t.http().get(commission(randomUUID())).set(ministry.auth)).status).toBe(404);
    });
  });
});
