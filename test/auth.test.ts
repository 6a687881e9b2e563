import { createHash, randomBytes } from 'node:crypto';
import { createTestApp, TEST_PASSWORD, TestApp, TestUser } from './support/test-app';

const LOGIN = '/api/v1/auth/login';
const ME = '/api/v1/auth/me';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const anEmail = (prefix = 'someone') => `${prefix}-${randomBytes(4).toString('hex')}@test.konkurs`;
const anApplicantSignUp = (overrides: Record<string, unknown> = {}) => ({
  email: anEmail('applicant'),
  fullName: 'Ирина Петрова',
  password: 'a-long-enough-password',
  ...overrides,
});

async function loginAttempts(t: TestApp): Promise<number> {
  const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM login_attempts`);
  return rows[0].n;
}

async function sessionCount(t: TestApp): Promise<number> {
  const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM sessions`);
  return rows[0].n;
}

async function auditRows(t: TestApp, action: string, entityId?: string) {
  const { rows } = await t.db.query(
    `SELECT actor_id, actor_role, action, entity_type, entity_id, before, after FROM audit_log
     WHERE action = $1 AND ($2::text IS NULL OR entity_id = $2) ORDER BY seq`,
    [action, entityId ?? null],
  );
  return rows;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('auth', () => {
  let t: TestApp;
  // A generous per-IP limit: every request of this file comes from 127.0.0.1, and the IP limit has its own tests.
  beforeAll(async () => (t = await createTestApp({ loginMaxFailuresPerIp: 10_000 })));
  afterAll(() => t.close());

  describe('login', () => {
    it('exchanges e-mail and password for a token that identifies the caller', async () => {
      const user = await t.user('commissioner');
      const response = await t.http().post(LOGIN).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      expect(response.body).toEqual({
        token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
        expiresAt: expect.any(String),
        user: { userId: user.id, email: user.email, role: 'commissioner', clusterId: null, sessionId: expect.any(String) },
      });
      const hoursLeft = (Date.parse(response.body.expiresAt) - Date.now()) / 3600_000;
      expect(hoursLeft).toBeGreaterThan(11.9);
      expect(hoursLeft).toBeLessThanOrEqual(12);
      const me = await t.http().get(ME).set(bearer(response.body.token)).expect(200);
      expect(me.body).toEqual(response.body.user);
    });

    it('ignores the case and surrounding spaces of the e-mail', async () => {
      const user = await t.user('auditor');
      await t
        .http()
        .post(LOGIN)
        .send({ email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD })
        .expect(200);
    });

    it('refuses a wrong password and an unknown e-mail alike, so accounts cannot be enumerated', async () => {
      const user = await t.user('applicant');
      const wrongPassword = await t.http().post(LOGIN).send({ email: user.email, password: 'not-the-password' }).expect(401);
      const unknownEmail = await t
        .http()
        .post(LOGIN)
        .send({ email: anEmail('nobody'), password: TEST_PASSWORD })
        .expect(401);
      expect(wrongPassword.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
      expect(unknownEmail.body.error).toEqual(wrongPassword.body.error);
      expect(wrongPassword.body.token).toBeUndefined();
    });

    it('refuses a deactivated account even with the right password', async () => {
      const user = await t.user('commissioner');
      await t.db.query(`UPDATE users SET is_active = false WHERE id = $1`, [user.id]);
      const response = await t.http().post(LOGIN).send({ email: user.email, password: TEST_PASSWORD }).expect(401);
      expect(response.body.error.code).toBe('AUTH_INVALID_CREDENTIALS');
    });

    it.each([
      ['a deactivation', `UPDATE users SET is_active = false WHERE id = $1`],
      ['a password change', `UPDATE users SET password_hash = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA' WHERE id = $1`],
    ])('waits for %s in progress and then refuses, rather than opening a session on the old row', async (_case, change) => {
      const user = await t.user('applicant');
      const writer = await t.db.connect();
      try {
        await writer.query('BEGIN');
        await writer.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [user.id]);
        await writer.query(change, [user.id]);
        const login = t
          .http()
          .post(LOGIN)
          .send({ email: user.email, password: TEST_PASSWORD })
          .then((r) => r);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await writer.query('COMMIT');
        expect((await login).status).toBe(401);
      } finally {
        writer.release();
      }
    });

    it('stores only the sha256 of the token, never the token itself', async () => {
      const user = await t.user('auditor');
      const { rows } = await t.db.query(`SELECT token_hash FROM sessions WHERE user_id = $1`, [user.id]);
      expect(rows).toEqual([{ token_hash: sha256(user.token) }]);
      const { rows: leaks } = await t.db.query(`SELECT count(*)::int AS n FROM sessions s WHERE s::text LIKE '%' || $1 || '%'`, [
        user.token,
      ]);
      expect(leaks[0].n).toBe(0);
    });

    it('records the sign-in in the audit log under the user', async () => {
      const user = await t.user('applicant');
      const { body } = await t.http().get(ME).set(user.auth).expect(200);
      const [row] = await auditRows(t, 'auth.login', body.sessionId);
      expect(row).toMatchObject({ actor_id: user.id, actor_role: 'applicant', entity_type: 'session' });
      expect(JSON.stringify(row)).not.toContain(TEST_PASSWORD);
    });

    it.each([
      ['a missing password', { email: 'a@b.cd' }, 'password', 'isString'],
      ['an empty password', { email: 'a@b.cd', password: '' }, 'password', 'minLength'],
      ['an invalid e-mail', { email: 'not-an-email', password: TEST_PASSWORD }, 'email', 'isEmail'],
      ['an unknown field', { email: 'a@b.cd', password: TEST_PASSWORD, role: 'ministry' }, 'role', 'unknownField'],
    ])('answers %s with 400 naming the field and rule, recording no attempt', async (_case, body, field, rule) => {
      const before = await loginAttempts(t);
      const response = await t.http().post(LOGIN).send(body).expect(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field, rule }));
      expect(await loginAttempts(t)).toBe(before);
    });
  });

  describe('tokens', () => {
    it.each([
      ['no Authorization header', {}],
      ['a non-bearer scheme', { Authorization: 'Basic dXNlcjpwYXNz' }],
      ['a malformed token', { Authorization: 'Bearer not a token' }],
      ['a well-formed but unknown token', { Authorization: `Bearer ${randomBytes(32).toString('base64url')}` }],
    ])('refuses %s on a signed-in route with 401', async (_case, headers) => {
      const response = await t.http().get(ME).set(headers).expect(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('refuses an expired session, judged by the database clock', async () => {
      const user = await t.user('ministry');
      await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      await t.http().get(ME).set(user.auth).expect(401);
    });

    it('refuses a token whose user was deactivated even before its session is revoked', async () => {
      const user = await t.user('auditor');
      await t.db.query(`UPDATE users SET is_active = false WHERE id = $1`, [user.id]);
      await t.http().get(ME).set(user.auth).expect(401);
    });

    it('refuses a bad token on a public route too, rather than silently treating the caller as anonymous', async () => {
      await t
        .http()
        .get('/api/v1/health')
        .set(bearer(randomBytes(32).toString('base64url')))
        .expect(401);
    });
  });

  describe('logout', () => {
    it('revokes the token used, which then fails everywhere, public routes included', async () => {
      const user = await t.user('commissioner');
      await t.http().post('/api/v1/auth/logout').set(user.auth).expect(204);
      await t.http().get(ME).set(user.auth).expect(401);
      await t.http().get('/api/v1/health').set(user.auth).expect(401);
      await t.http().post('/api/v1/auth/logout').set(user.auth).expect(401);
      const { rows } = await t.db.query(`SELECT revoked_at FROM sessions WHERE token_hash = $1`, [sha256(user.token)]);
      expect(rows[0].revoked_at).not.toBeNull();
    });

    it('leaves the user’s other sessions signed in', async () => {
      const user = await t.user('applicant');
      const otherToken = await t.login(user.email);
      await t.http().post('/api/v1/auth/logout').set(user.auth).expect(204);
      await t.http().get(ME).set(bearer(otherToken)).expect(200);
    });

    it('is recorded in the audit log', async () => {
      const user = await t.user('auditor');
      const { body } = await t.http().get(ME).set(user.auth).expect(200);
      await t.http().post('/api/v1/auth/logout').set(user.auth).expect(204);
      expect(await auditRows(t, 'auth.logout', body.sessionId)).toEqual([expect.objectContaining({ actor_id: user.id })]);
    });

    it('needs a token', async () => {
      await t.http().post('/api/v1/auth/logout').expect(401);
    });
  });

  describe('sessions', () => {
    async function userWithThreeSessions() {
      const user = await t.user('commissioner');
      const second = await t.login(user.email);
      const third = await t.login(user.email);
      return { user, second, third };
    }

    it('lists the caller’s live sessions, marks the current one and exposes no token', async () => {
      const { user, second, third } = await userWithThreeSessions();
      await t.http().post('/api/v1/auth/logout').set(bearer(third)).expect(204);
      const stranger = await t.user('commissioner');
      const response = await t.http().get('/api/v1/auth/sessions').set(user.auth).expect(200);
      expect(response.body.total).toBe(2);
      expect(response.body.items).toHaveLength(2);
      const me = await t.http().get(ME).set(user.auth).expect(200);
      expect(response.body.items.filter((s: { current: boolean }) => s.current)).toEqual([
        expect.objectContaining({ id: me.body.sessionId, ip: expect.any(String), expiresAt: expect.any(String) }),
      ]);
      const text = JSON.stringify(response.body);
      for (const secret of [user.token, second, sha256(user.token), sha256(second)]) expect(text).not.toContain(secret);
      expect(text).not.toContain(stranger.id);
    });

    it('revoke-others signs out every other session of the caller and keeps the current one', async () => {
      const { user, second, third } = await userWithThreeSessions();
      const bystander = await t.user('commissioner');
      const response = await t.http().post('/api/v1/auth/sessions/revoke-others').set(user.auth).expect(200);
      expect(response.body).toEqual({ revoked: 2 });
      await t.http().get(ME).set(user.auth).expect(200);
      await t.http().get(ME).set(bearer(second)).expect(401);
      await t.http().get(ME).set(bearer(third)).expect(401);
      await t.http().get(ME).set(bystander.auth).expect(200);
      expect(await auditRows(t, 'auth.sessions_revoked', user.id)).toHaveLength(1);
    });

    it('needs a token', async () => {
      await t.http().get('/api/v1/auth/sessions').expect(401);
      await t.http().post('/api/v1/auth/sessions/revoke-others').expect(401);
    });
  });

  describe('password change', () => {
    const NEW_PASSWORD = 'a-brand-new-passphrase';
    const change = (user: TestUser, body: object) => t.http().post('/api/v1/auth/password').set(user.auth).send(body);
    const passwordHash = async (user: TestUser) =>
      (await t.db.query(`SELECT password_hash FROM users WHERE id = $1`, [user.id])).rows[0].password_hash as string;

    it('changes the password, signs out the other sessions and keeps this one', async () => {
      const user = await t.user('applicant');
      const other = await t.login(user.email);
      const oldHash = await passwordHash(user);
      await change(user, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
      await t.http().get(ME).set(user.auth).expect(200);
      await t.http().get(ME).set(bearer(other)).expect(401);
      await t.http().post(LOGIN).send({ email: user.email, password: TEST_PASSWORD }).expect(401);
      await t.http().post(LOGIN).send({ email: user.email, password: NEW_PASSWORD }).expect(200);
      const newHash = await passwordHash(user);
      expect(newHash).toMatch(/^scrypt\$/);
      expect(newHash).not.toBe(oldHash);
      expect(newHash).not.toContain(NEW_PASSWORD);
    });

    it('is audited without either password or hash', async () => {
      const user = await t.user('auditor');
      await change(user, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(204);
      const rows = await auditRows(t, 'auth.password_changed', user.id);
      expect(rows).toHaveLength(1);
      const text = JSON.stringify(rows);
      for (const secret of [TEST_PASSWORD, NEW_PASSWORD, 'scrypt$']) expect(text).not.toContain(secret);
    });

    it('refuses a wrong current password with 400 and changes nothing', async () => {
      const user = await t.user('commissioner');
      const other = await t.login(user.email);
      const oldHash = await passwordHash(user);
      const response = await change(user, { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD }).expect(400);
      expect(response.body.error).toMatchObject({
        code: 'AUTH_WRONG_CURRENT_PASSWORD',
        details: [expect.objectContaining({ field: 'currentPassword' })],
      });
      expect(await passwordHash(user)).toBe(oldHash);
      await t.http().get(ME).set(bearer(other)).expect(200);
      expect(await auditRows(t, 'auth.password_changed', user.id)).toEqual([]);
    });

    it.each([
      ['a short new password', { currentPassword: TEST_PASSWORD, newPassword: 'short-pw' }, 'newPassword', 'minLength'],
      ['an all-digit new password', { currentPassword: TEST_PASSWORD, newPassword: '1234567890123' }, 'newPassword', 'matches'],
      ['a missing current password', { newPassword: NEW_PASSWORD }, 'currentPassword', 'isString'],
      ['an unknown field', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, userId: 'x' }, 'userId', 'unknownField'],
    ])('refuses %s with 400 naming the field and keeps the password', async (_case, body, field, rule) => {
      const user = await t.user('ministry');
      const oldHash = await passwordHash(user);
      const response = await change(user, body).expect(400);
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field, rule }));
      expect(await passwordHash(user)).toBe(oldHash);
    });

    it('needs a token', async () => {
      await t.http().post('/api/v1/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(401);
    });
  });

  describe('register', () => {
    const register = (body: object) => t.http().post('/api/v1/auth/register').send(body);

    it('opens an applicant account without a cluster, which can then sign in', async () => {
      const signUp = anApplicantSignUp();
      const response = await register(signUp).expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        email: signUp.email,
        fullName: signUp.fullName,
        role: 'applicant',
        clusterId: null,
        organisationInn: null,
        isActive: true,
        createdAt: expect.any(String),
      });
      await t.http().post(LOGIN).send({ email: signUp.email, password: signUp.password }).expect(200);
    });

    it('stores the e-mail trimmed and in lower case', async () => {
      const email = anEmail('MixedCase').toUpperCase();
      const response = await register(anApplicantSignUp({ email: `  ${email}  ` })).expect(201);
      expect(response.body.email).toBe(email.toLowerCase());
    });

    it('stores the password only as a scrypt hash', async () => {
      const signUp = anApplicantSignUp({ password: 'my-unique-secret-phrase' });
      const { body } = await register(signUp).expect(201);
      const { rows } = await t.db.query(`SELECT password_hash FROM users WHERE id = $1`, [body.id]);
      expect(rows[0].password_hash).toMatch(/^scrypt\$/);
      expect(rows[0].password_hash).not.toContain(signUp.password);
    });

    it('is audited as user.created without the password hash', async () => {
      const { body } = await register(anApplicantSignUp()).expect(201);
      const rows = await auditRows(t, 'user.created', body.id);
      expect(rows).toEqual([expect.objectContaining({ actor_id: null, after: expect.objectContaining({ role: 'applicant' }) })]);
      expect(JSON.stringify(rows)).not.toMatch(/scrypt|password/i);
    });

    it('refuses an e-mail already registered, whatever its case, with 409 naming the field', async () => {
      const signUp = anApplicantSignUp();
      await register(signUp).expect(201);
      const before = await t.counts();
      const response = await register(anApplicantSignUp({ email: signUp.email.toUpperCase() })).expect(409);
      expect(response.body.error).toMatchObject({ code: 'USER_EMAIL_TAKEN', details: [expect.objectContaining({ field: 'email' })] });
      expect(await t.counts()).toEqual(before);
    });

    it('refuses two simultaneous sign-ups with one e-mail once each, never with a 500', async () => {
      const signUp = anApplicantSignUp();
      const statuses = (await Promise.all([1, 2, 3].map(() => register(signUp)))).map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409]);
    });

    it.each([
      ['a role (no one signs up as ministry)', { role: 'ministry' }, 'role', 'unknownField'],
      ['a cluster', { clusterId: '00000000-0000-4000-8000-000000000000' }, 'clusterId', 'unknownField'],
      ['a short password', { password: 'elevenchars' }, 'password', 'minLength'],
      ['an all-digit password', { password: '123456789012345' }, 'password', 'matches'],
      ['an invalid e-mail', { email: 'user@@example' }, 'email', 'isEmail'],
      ['a missing full name', { fullName: undefined }, 'fullName', 'isString'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_case, overrides, field, rule) => {
      const before = await t.counts();
      const response = await register(anApplicantSignUp(overrides)).expect(400);
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field, rule }));
      expect(await t.counts()).toEqual(before);
    });

    it('refuses a revoked token even on this public route', async () => {
      const user = await t.user('applicant');
      await t.http().post('/api/v1/auth/logout').set(user.auth).expect(204);
      await t.http().post('/api/v1/auth/register').set(user.auth).send(anApplicantSignUp()).expect(401);
    });
  });
});

describe('auth: sign-in rate limit per e-mail', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ loginMaxFailuresPerEmail: 3, loginMaxFailuresPerIp: 10_000, loginWindowMinutes: 15 })));
  afterAll(() => t.close());
  beforeEach(() => t.db.query(`DELETE FROM login_attempts`));

  const attempt = (email: string, password: string) => t.http().post(LOGIN).send({ email, password });
  const fail = async (email: string, times: number) => {
    for (let i = 0; i < times; i++) await attempt(email, 'wrong-password-guess').expect(401);
  };

  it('answers 429 with Retry-After after the allowed failures, refusing even the right password', async () => {
    const user = await t.user('applicant');
    await fail(user.email, 3);
    const sessionsBefore = await sessionCount(t);
    const limited = await attempt(user.email, TEST_PASSWORD).expect(429);
    expect(limited.body.error.code).toBe('AUTH_TOO_MANY_ATTEMPTS');
    expect(limited.body.token).toBeUndefined();
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await sessionCount(t)).toBe(sessionsBefore);
  });

  it('limits an unknown e-mail exactly like a real one', async () => {
    const email = anEmail('ghost');
    await fail(email, 3);
    expect((await attempt(email, TEST_PASSWORD).expect(429)).body.error.code).toBe('AUTH_TOO_MANY_ATTEMPTS');
  });

  it('counts the e-mail case-insensitively', async () => {
    const user = await t.user('commissioner');
    await fail(user.email.toUpperCase(), 3);
    await attempt(user.email, TEST_PASSWORD).expect(429);
  });

  it('lets one more failure through below the limit, and a success resets the count', async () => {
    const user = await t.user('commissioner');
    await fail(user.email, 2);
    await attempt(user.email, TEST_PASSWORD).expect(200);
    await fail(user.email, 2);
    await attempt(user.email, TEST_PASSWORD).expect(200);
  });

  it('does not lock out other e-mails', async () => {
    const victim = await t.user('auditor');
    const other = await t.user('auditor');
    await fail(victim.email, 3);
    await attempt(other.email, TEST_PASSWORD).expect(200);
  });

  it('forgets failures older than the window', async () => {
    const user = await t.user('ministry');
    await fail(user.email, 3);
    await t.db.query(`UPDATE login_attempts SET at = at - interval '16 minutes'`);
    await attempt(user.email, TEST_PASSWORD).expect(200);
  });

  it('counts wrong current passwords on password change, so a stolen token cannot guess the password', async () => {
    const user = await t.user('commissioner');
    const change = (currentPassword: string) =>
      t.http().post('/api/v1/auth/password').set(user.auth).send({ currentPassword, newPassword: 'a-brand-new-passphrase' });
    for (let i = 0; i < 3; i++) await change(`guess-number-${i}`).expect(400);
    const limited = await change(TEST_PASSWORD).expect(429);
    expect(limited.body.error.code).toBe('AUTH_TOO_MANY_ATTEMPTS');
    await attempt(user.email, TEST_PASSWORD).expect(429);
    await t.db.query(`DELETE FROM login_attempts`);
    await attempt(user.email, TEST_PASSWORD).expect(200);
  });

  it('holds under parallel guesses: never more failures checked than allowed', async () => {
    const user = await t.user('applicant');
    const responses = await Promise.all(Array.from({ length: 8 }, () => attempt(user.email, 'parallel-guess-123')));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });
});

describe('auth: sign-in rate limit per IP', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ loginMaxFailuresPerEmail: 1000, loginMaxFailuresPerIp: 4 })));
  afterAll(() => t.close());
  beforeEach(() => t.db.query(`DELETE FROM login_attempts`));

  const attempt = (email: string, password: string, headers: Record<string, string> = {}) =>
    t.http().post(LOGIN).set(headers).send({ email, password });

  it('answers 429 after the allowed failures from one address across many e-mails, even for a right password', async () => {
    const user = await t.user('applicant');
    for (let i = 0; i < 4; i++) await attempt(anEmail('spray'), 'wrong-password-guess').expect(401);
    const limited = await attempt(user.email, TEST_PASSWORD).expect(429);
    expect(limited.body.error.code).toBe('AUTH_TOO_MANY_ATTEMPTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('is not reset by the attacker signing in to an account of their own between guesses', async () => {
    const own = await t.user('applicant');
    for (let i = 0; i < 3; i++) await attempt(anEmail('spray'), 'wrong-password-guess').expect(401);
    await attempt(own.email, TEST_PASSWORD).expect(200);
    await attempt(anEmail('spray'), 'wrong-password-guess').expect(401);
    await attempt(anEmail('spray'), 'wrong-password-guess').expect(429);
  });

  it('is not evaded by a forged X-Forwarded-For header', async () => {
    for (let i = 0; i < 4; i++) {
      await attempt(anEmail('spray'), 'wrong-password-guess', { 'X-Forwarded-For': `203.0.113.${i}` }).expect(401);
    }
    await attempt(anEmail('spray'), 'wrong-password-guess', { 'X-Forwarded-For': '198.51.100.7' }).expect(429);
  });

  it('holds under parallel guesses across e-mails', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => attempt(anEmail('spray'), 'wrong-password-guess')));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429, 429, 429]);
  });
});
