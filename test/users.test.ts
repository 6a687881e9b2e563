import { randomBytes } from 'node:crypto';
import { aCluster, anInn } from './support/factories';
import { createTestApp, TEST_PASSWORD, TestApp, TestUser } from './support/test-app';

const USERS = '/api/v1/users';
const UNKNOWN_ID = '3f1c9a52-7c1e-4d1b-9a77-0a6a4a0b5e11';

const anEmail = (prefix = 'user') => `${prefix}-${randomBytes(4).toString('hex')}@test.konkurs`;
const aNewUser = (overrides: Record<string, unknown> = {}) => ({
  email: anEmail(),
  fullName: 'Алексей Смирнов',
  role: 'commissioner',
  password: 'initial-password-123',
  ...overrides,
});
/** A 10-digit INN whose check digit is off by one. */
const aBadInn = () => {
  const inn = anInn();
  return inn.slice(0, 9) + String((Number(inn[9]) + 1) % 10);
};

describe('users', () => {
  let t: TestApp;
  let ministry: TestUser;
  let auditor: TestUser;
  let clusterId: string;
  let otherClusterId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    auditor = await t.user('auditor');
    clusterId = (await t.http().post('/api/v1/clusters').set(ministry.auth).send(aCluster()).expect(201)).body.id;
    otherClusterId = (
      await t
        .http()
        .post('/api/v1/clusters')
        .set(ministry.auth)
        .send(aCluster({ regionCode: 'RU-NVS' }))
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  const create = (body: object, as: TestUser = ministry) => t.http().post(USERS).set(as.auth).send(body);
  const patch = (id: string, body: object, as: TestUser = ministry) => t.http().patch(`${USERS}/${id}`).set(as.auth).send(body);
  const row = async (id: string) => (await t.db.query(`SELECT * FROM users WHERE id = $1`, [id])).rows[0];
  const auditRows = async (action: string, entityId: string) =>
    (
      await t.db.query(`SELECT actor_id, before, after FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY seq`, [
        action,
        entityId,
      ])
    ).rows;

  describe('create', () => {
    it.each(['ministry', 'commissioner', 'auditor', 'applicant'])('opens a %s account that can sign in', async (role) => {
      const body = aNewUser({ role });
      const response = await create(body).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        email: body.email,
        fullName: body.fullName,
        role,
        clusterId: null,
        organisationInn: null,
        isActive: true,
        createdAt: expect.any(String),
      });
      await t.login(body.email, body.password);
    });

    it('binds an applicant to a cluster and keeps a commissioner’s organisation INN', async () => {
      const applicant = await create(aNewUser({ role: 'applicant', clusterId })).expect(201);
      expect(applicant.body.clusterId).toBe(clusterId);
      const inn = anInn();
      const commissioner = await create(aNewUser({ role: 'commissioner', organisationInn: inn })).expect(201);
      expect(commissioner.body.organisationInn).toBe(inn);
    });

    it('stores the password only as a scrypt hash', async () => {
      const body = aNewUser({ password: 'a-very-distinct-password' });
      const { body: created } = await create(body).expect(201);
      const stored = await row(created.id);
      expect(stored.password_hash).toMatch(/^scrypt\$/);
      expect(stored.password_hash).not.toContain(body.password);
    });

    it('stores the e-mail in lower case, so a differently cased duplicate is refused', async () => {
      const email = anEmail('Case').toUpperCase();
      const { body } = await create(aNewUser({ email })).expect(201);
      expect(body.email).toBe(email.toLowerCase());
      const before = await t.counts();
      await create(aNewUser({ email: email.toLowerCase() })).expect(409);
      expect(await t.counts()).toEqual(before);
    });

    it('refuses an e-mail already registered with 409 naming the field, writing nothing', async () => {
      const body = aNewUser();
      await create(body).expect(201);
      const before = await t.counts();
      const response = await create(aNewUser({ email: body.email, role: 'auditor' })).expect(409);
      expect(response.body.error).toMatchObject({
        code: 'USER_EMAIL_TAKEN',
        details: [expect.objectContaining({ field: 'email', rule: 'unique' })],
      });
      expect(await t.counts()).toEqual(before);
    });

    it('is audited as user.created by the ministry user, without the password hash', async () => {
      const { body } = await create(aNewUser()).expect(201);
      const rows = await auditRows('user.created', body.id);
      expect(rows).toEqual([expect.objectContaining({ actor_id: ministry.id, after: expect.objectContaining({ email: body.email }) })]);
      expect(JSON.stringify(rows)).not.toMatch(/scrypt|password/i);
    });

    it('refuses a cluster for a non-applicant with 400, writing nothing', async () => {
      const before = await t.counts();
      const response = await create(aNewUser({ role: 'commissioner', clusterId })).expect(400);
      expect(response.body.error).toMatchObject({
        code: 'USER_CLUSTER_ONLY_FOR_APPLICANTS',
        details: [expect.objectContaining({ field: 'clusterId' })],
      });
      expect(await t.counts()).toEqual(before);
    });

    it('answers 404 for a cluster that does not exist, writing nothing', async () => {
      const before = await t.counts();
      const response = await create(aNewUser({ role: 'applicant', clusterId: UNKNOWN_ID })).expect(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
      expect(await t.counts()).toEqual(before);
    });

    it.each([
      ['an unknown field', { isActive: false }, 'isActive', 'unknownField'],
      ['a password hash smuggled in', { passwordHash: 'scrypt$1$1$1$x$y' }, 'passwordHash', 'unknownField'],
      ['an invalid e-mail', { email: 'not-an-email' }, 'email', 'isEmail'],
      ['a short password', { password: 'elevenchars' }, 'password', 'minLength'],
      ['an invalid INN', { organisationInn: aBadInn() }, 'organisationInn', 'isInn'],
      ['an INN of the wrong length', { organisationInn: '12345' }, 'organisationInn', 'isInn'],
      ['a role that does not exist', { role: 'admin' }, 'role', 'isIn'],
      ['a missing full name', { fullName: undefined }, 'fullName', 'isString'],
      ['a cluster id that is not a UUID', { role: 'applicant', clusterId: 'tomsk' }, 'clusterId', 'isUuid'],
    ])('refuses %s with 400 naming the field and rule, writing nothing', async (_case, overrides, field, rule) => {
      const before = await t.counts();
      const response = await create(aNewUser(overrides)).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field, rule }));
      expect(await t.counts()).toEqual(before);
    });
  });

  describe('access', () => {
    it.each(['applicant', 'commissioner', 'auditor'] as const)('refuses POST /users to a %s with 403, writing nothing', async (role) => {
      const caller = await t.user(role);
      const before = await t.counts();
      const response = await create(aNewUser({ role: 'ministry' }), caller).expect(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
      expect(await t.counts()).toEqual(before);
    });

    it('refuses POST /users without a token with 401, writing nothing', async () => {
      const before = await t.counts();
      await t
        .http()
        .post(USERS)
        .send(aNewUser({ role: 'ministry' }))
        .expect(401);
      expect(await t.counts()).toEqual(before);
    });

    it.each(['applicant', 'commissioner'] as const)('refuses reading accounts to a %s', async (role) => {
      const caller = await t.user(role);
      await t.http().get(USERS).set(caller.auth).expect(403);
      await t.http().get(`${USERS}/${ministry.id}`).set(caller.auth).expect(403);
    });

    it('lets the auditor read but not change accounts', async () => {
      const target = await t.user('commissioner');
      await t.http().get(USERS).set(auditor.auth).expect(200);
      await t.http().get(`${USERS}/${target.id}`).set(auditor.auth).expect(200);
      await patch(target.id, { isActive: false }, auditor).expect(403);
      await t.http().post(`${USERS}/${target.id}/sessions/revoke`).set(auditor.auth).expect(403);
      expect((await row(target.id)).is_active).toBe(true);
      await t.http().get('/api/v1/auth/me').set(target.auth).expect(200);
    });

    it('refuses an applicant changing its own account through PATCH', async () => {
      const applicant = await t.user('applicant');
      await patch(applicant.id, { fullName: 'Self Promoted' }, applicant).expect(403);
    });

    it('refuses anonymous reads with 401', async () => {
      await t.http().get(USERS).expect(401);
      await t.http().get(`${USERS}/${ministry.id}`).expect(401);
    });
  });

  describe('read', () => {
    it('gets one account without any secret', async () => {
      const response = await t.http().get(`${USERS}/${auditor.id}`).set(ministry.auth).expect(200);
      expect(response.body).toMatchObject({ id: auditor.id, email: auditor.email, role: 'auditor', isActive: true });
      expect(JSON.stringify(response.body)).not.toMatch(/scrypt|password/i);
    });

    it('answers a non-UUID id with 400 naming the field id', async () => {
      const response = await t.http().get(`${USERS}/not-a-uuid`).set(ministry.auth).expect(400);
      expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
    });

    it('answers an unknown id with 404', async () => {
      const response = await t.http().get(`${USERS}/${UNKNOWN_ID}`).set(ministry.auth).expect(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    });

    it('lists a page of accounts with the total, without secrets', async () => {
      const response = await t.http().get(USERS).set(ministry.auth).query({ pageSize: 2 }).expect(200);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM users`);
      expect(response.body.total).toBe(rows[0].n);
      expect(response.body.items).toHaveLength(2);
      expect(JSON.stringify(response.body)).not.toMatch(/scrypt|password/i);
      const page2 = await t.http().get(USERS).set(ministry.auth).query({ pageSize: 2, page: 2 }).expect(200);
      const ids = (page: { body: { items: Array<{ id: string }> } }) => page.body.items.map((u) => u.id);
      expect(ids(page2)).toHaveLength(2);
      expect(ids(page2).filter((id) => ids(response).includes(id))).toEqual([]);
    });

    it('filters by role and by cluster', async () => {
      const member = (await create(aNewUser({ role: 'applicant', clusterId: otherClusterId })).expect(201)).body;
      const byCluster = await t.http().get(USERS).set(ministry.auth).query({ clusterId: otherClusterId }).expect(200);
      expect(byCluster.body).toEqual({ items: [member], total: 1 });
      const auditors = await t.http().get(USERS).set(ministry.auth).query({ role: 'auditor' }).expect(200);
      expect(auditors.body.total).toBeGreaterThan(0);
      expect(auditors.body.items.every((u: { role: string }) => u.role === 'auditor')).toBe(true);
      expect(auditors.body.items.map((u: { id: string }) => u.id)).toContain(auditor.id);
    });

    it.each([
      [{ role: 'admin' }, 'role', 'isIn'],
      [{ clusterId: 'tomsk' }, 'clusterId', 'isUuid'],
      [{ pageSize: 0 }, 'pageSize', 'min'],
      [{ page: 'two' }, 'page', 'isInt'],
      [{ sort: 'email' }, 'sort', 'unknownField'],
    ])('refuses the query %j with 400 naming the field', async (query, field, rule) => {
      const response = await t.http().get(USERS).set(ministry.auth).query(query).expect(400);
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field, rule }));
    });
  });

  describe('update', () => {
    it('renames, sets the INN and is audited with before and after, without the password hash', async () => {
      const target = await t.user('commissioner');
      const inn = anInn();
      const response = await patch(target.id, { fullName: 'Мария Иванова', organisationInn: inn }).expect(200);
      expect(response.body).toMatchObject({
        id: target.id,
        fullName: 'Мария Иванова',
        organisationInn: inn,
        email: target.email,
        role: 'commissioner',
      });
      expect(await row(target.id)).toMatchObject({ full_name: 'Мария Иванова', organisation_inn: inn });
      const rows = await auditRows('user.updated', target.id);
      expect(rows).toEqual([
        expect.objectContaining({
          actor_id: ministry.id,
          before: expect.objectContaining({ fullName: expect.stringContaining('Test commissioner'), organisationInn: null }),
          after: expect.objectContaining({ fullName: 'Мария Иванова', organisationInn: inn }),
        }),
      ]);
      expect(JSON.stringify(rows)).not.toMatch(/scrypt|password/i);
    });

    it('deactivation revokes every session of the user and stops new sign-ins; reactivation allows them again', async () => {
      const target = await t.user('applicant');
      const secondToken = await t.login(target.email);
      const response = await patch(target.id, { isActive: false }).expect(200);
      expect(response.body.isActive).toBe(false);
      await t.http().get('/api/v1/auth/me').set(target.auth).expect(401);
      await t
        .http()
        .get('/api/v1/auth/me')
        .set({ Authorization: `Bearer ${secondToken}` })
        .expect(401);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [target.id]);
      expect(rows[0].n).toBe(0);
      await t.http().post('/api/v1/auth/login').send({ email: target.email, password: TEST_PASSWORD }).expect(401);

      await patch(target.id, { isActive: true }).expect(200);
      await t.login(target.email);
      // Reactivation does not bring revoked tokens back.
      await t.http().get('/api/v1/auth/me').set(target.auth).expect(401);
    });

    it('refuses a ministry user deactivating itself with 409, changing nothing', async () => {
      const response = await patch(ministry.id, { isActive: false }).expect(409);
      expect(response.body.error.code).toBe('USER_CANNOT_DEACTIVATE_SELF');
      expect((await row(ministry.id)).is_active).toBe(true);
      await t.http().get('/api/v1/auth/me').set(ministry.auth).expect(200);
    });

    it('moves an applicant to another cluster', async () => {
      const applicant = await t.user('applicant', { clusterId });
      const response = await patch(applicant.id, { clusterId: otherClusterId }).expect(200);
      expect(response.body.clusterId).toBe(otherClusterId);
      expect((await row(applicant.id)).cluster_id).toBe(otherClusterId);
    });

    it('detaches an applicant from its cluster and clears an INN with null', async () => {
      const applicant = await t.user('applicant', { clusterId, organisationInn: anInn() });
      const response = await patch(applicant.id, { clusterId: null, organisationInn: null }).expect(200);
      expect(response.body).toMatchObject({ clusterId: null, organisationInn: null });
      expect(await row(applicant.id)).toMatchObject({ cluster_id: null, organisation_inn: null });
    });

    it('refuses a cluster for a non-applicant with 400, changing nothing', async () => {
      const target = await t.user('commissioner');
      const before = await t.counts();
      const response = await patch(target.id, { clusterId }).expect(400);
      expect(response.body.error).toMatchObject({
        code: 'USER_CLUSTER_ONLY_FOR_APPLICANTS',
        details: [expect.objectContaining({ field: 'clusterId' })],
      });
      expect((await row(target.id)).cluster_id).toBeNull();
      expect(await t.counts()).toEqual(before);
    });

    it('answers 404 for a cluster that does not exist, changing nothing', async () => {
      const applicant = await t.user('applicant', { clusterId });
      const before = await t.counts();
      await patch(applicant.id, { clusterId: UNKNOWN_ID }).expect(404);
      expect((await row(applicant.id)).cluster_id).toBe(clusterId);
      expect(await t.counts()).toEqual(before);
    });

    it('answers 404 for an unknown user and 400 for a non-UUID id', async () => {
      await patch(UNKNOWN_ID, { fullName: 'Nobody Here' }).expect(404);
      const response = await patch('42', { fullName: 'Nobody Here' }).expect(400);
      expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
    });

    it.each([
      ['the e-mail', { email: 'new@test.konkurs' }, 'email', 'unknownField'],
      ['the role (no promotion through PATCH)', { role: 'ministry' }, 'role', 'unknownField'],
      ['the password', { password: 'another-password-1' }, 'password', 'unknownField'],
      ['an invalid INN', { organisationInn: aBadInn() }, 'organisationInn', 'isInn'],
      ['a non-boolean isActive', { isActive: 'no' }, 'isActive', 'isBoolean'],
      ['a null full name', { fullName: null }, 'fullName', 'isString'],
      ['a null isActive', { isActive: null }, 'isActive', 'isBoolean'],
      ['a one-letter full name', { fullName: 'A' }, 'fullName', 'isLength'],
    ])('refuses changing %s with 400 naming the field, changing nothing', async (_case, body, field, rule) => {
      const target = await t.user('commissioner');
      const stored = await row(target.id);
      const before = await t.counts();
      const response = await patch(target.id, body).expect(400);
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field, rule }));
      expect(await row(target.id)).toEqual(stored);
      expect(await t.counts()).toEqual(before);
    });
  });

  describe('revoke sessions', () => {
    it('signs the user out everywhere and is audited', async () => {
      const target = await t.user('commissioner');
      const second = await t.login(target.email);
      const response = await t.http().post(`${USERS}/${target.id}/sessions/revoke`).set(ministry.auth).expect(200);
      expect(response.body).toEqual({ revoked: 2 });
      await t.http().get('/api/v1/auth/me').set(target.auth).expect(401);
      await t
        .http()
        .get('/api/v1/auth/me')
        .set({ Authorization: `Bearer ${second}` })
        .expect(401);
      expect(await auditRows('auth.sessions_revoked', target.id)).toEqual([expect.objectContaining({ actor_id: ministry.id })]);
      // The account itself stays usable.
      await t.login(target.email);
    });

    it('answers 404 for an unknown user, auditing nothing', async () => {
      const before = await t.counts();
      await t.http().post(`${USERS}/${UNKNOWN_ID}/sessions/revoke`).set(ministry.auth).expect(404);
      expect(await t.counts()).toEqual(before);
    });
  });
});
