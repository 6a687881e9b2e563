import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import type { Role } from '../../src/common/access/access.decorators';
import { API, fullScores, JUSTIFICATION } from '../commissions/helpers';
import { A_PDF } from '../support/bids';
import { aCluster, aProgramme } from '../support/factories';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../support/test-app';
import { changedTables, digester } from './snapshot';
import { buildWorld, type World } from './world';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Call {
  method: Method;
  path: string;
  body?: unknown;
  /** A raw PDF body instead of JSON. */
  pdf?: boolean;
}

/** supertest parser that keeps binary bodies (PDF, XLSX) as a Buffer; errors are read from it as JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function binary(res: any, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

const jsonOf = (response: Response) =>
  Buffer.isBuffer(response.body) ? JSON.parse(response.body.toString('utf8') || 'null') : response.body;

function send(t: TestApp, call: Call, as: TestUser | null): Promise<Response> {
  let request = t.http()[call.method](call.path).buffer(true).parse(binary);
  if (as) request = request.set(as.auth);
  if (call.pdf) return request.set('Content-Type', 'application/pdf').send(A_PDF);
  if (call.body !== undefined) return request.send(call.body as object);
  return call.method === 'get' || call.method === 'delete' ? request : request.send({});
}

/** The single error shape with this status and code. */
function expectRefusal(response: Response, status: number, code: string, what: string) {
  const body = jsonOf(response);
  expect({ what, status: response.status, code: body?.error?.code }).toEqual({ what, status, code });
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }), requestId: expect.any(String) });
}

describe('access between roles, clusters and reviewers', () => {
  let t: TestApp;
  let w: World;
  let snapshot: () => Promise<Record<string, string>>;

  /** Runs calls that must all be refused, then proves no table changed. */
  async function expectAllRefused(calls: Call[], as: TestUser | null, status: number, code: string) {
    const before = await snapshot();
    for (const call of calls) expectRefusal(await send(t, call, as), status, code, `${call.method.toUpperCase()} ${call.path}`);
    expect(changedTables(before, await snapshot())).toEqual([]);
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t);
    snapshot = await digester(t);
  }, 300_000);
  afterAll(() => t.close());

  /** Everything an applicant can do to a bid, aimed at one bid of the published or the open programme. */
  const bidCalls = (bid: string, attachment: string): Call[] => [
    { method: 'get', path: `${API}/submissions/${bid}` },
    { method: 'patch', path: `${API}/submissions/${bid}`, body: { title: 'Чужая заявка' } },
    { method: 'get', path: `${API}/submissions/${bid}/check` },
    { method: 'post', path: `${API}/submissions/${bid}/submit` },
    { method: 'post', path: `${API}/submissions/${bid}/withdraw` },
    { method: 'get', path: `${API}/submissions/${bid}/versions` },
    { method: 'get', path: `${API}/submissions/${bid}/versions/1/receipt` },
    { method: 'get', path: `${API}/submissions/${bid}/versions/1/receipt.pdf` },
    { method: 'post', path: `${API}/submissions/${bid}/attachments?kind=regional-letter&fileName=x.pdf`, pdf: true },
    { method: 'get', path: `${API}/submissions/${bid}/attachments/${attachment}` },
    { method: 'delete', path: `${API}/submissions/${bid}/attachments/${attachment}` },
    { method: 'get', path: `${API}/submissions/${bid}/eligibility` },
    { method: 'get', path: `${API}/submissions/${bid}/appeal` },
    {
      method: 'post',
      path: `${API}/submissions/${bid}/appeal`,
      body: { grounds: 'Комиссия не учла письмо субъекта о софинансировании, приложенное к заявке.' },
    },
    { method: 'get', path: `${API}/submissions/${bid}/decision.pdf` },
  ];

  describe('cluster A against cluster B, with real ids', () => {
    it('A reads its own bids, receipts, attachments, appeal and decision (the ids are real)', async () => {
      const own = [
        `${API}/submissions/${w.open.bidA}`,
        `${API}/submissions/${w.open.bidA}/versions/1/receipt`,
        `${API}/submissions/${w.open.bidA}/attachments/${w.open.attachmentA}`,
        `${API}/submissions/${w.published.bidA}/appeal`,
        `${API}/submissions/${w.published.bidA}/decision.pdf`,
        `${API}/clusters/${w.clusterA}`,
      ];
      for (const path of own)
        expect({ path, status: (await send(t, { method: 'get', path }, w.applicantA)).status }).toEqual({ path, status: 200 });
    });

    it('B gets 404 for every route on A’s bids, open and published, and nothing changes', async () => {
      await expectAllRefused(
        [...bidCalls(w.open.bidA, w.open.attachmentA), ...bidCalls(w.published.bidA, w.published.attachmentA)],
        w.applicantB,
        404,
        'NOT_FOUND',
      );
    });

    it('A gets 404 for every route on B’s bids, the open draft included, and nothing changes', async () => {
      await expectAllRefused(
        [...bidCalls(w.open.bidB, w.open.attachmentB), ...bidCalls(w.published.bidB, w.published.attachmentB)],
        w.applicantA,
        404,
        'NOT_FOUND',
      );
    });

    it('B gets 404 for A’s cluster, read or changed', async () => {
      await expectAllRefused(
        [
          { method: 'get', path: `${API}/clusters/${w.clusterA}` },
          { method: 'patch', path: `${API}/clusters/${w.clusterA}`, body: { memberCount: 1 } },
        ],
        w.applicantB,
        404,
        'NOT_FOUND',
      );
    });

    it('an id of A’s answers B exactly like an id that does not exist', async () => {
      const made = randomUUID();
      for (const [real, path] of [
        [w.open.bidA, (id: string) => `${API}/submissions/${id}`],
        [w.published.bidA, (id: string) => `${API}/submissions/${id}/appeal`],
        [w.clusterA, (id: string) => `${API}/clusters/${id}`],
      ] as const) {
        const [forReal, forMadeUp] = [
          jsonOf(await send(t, { method: 'get', path: path(real) }, w.applicantB)),
          jsonOf(await send(t, { method: 'get', path: path(made) }, w.applicantB)),
        ];
        expect(forReal.error.message.replace(real, '<id>')).toBe(forMadeUp.error.message.replace(made, '<id>'));
      }
    });

    it('lists show B only its own bids and clusters', async () => {
      for (const programme of [w.open.id, w.published.id]) {
        const list = jsonOf(await send(t, { method: 'get', path: `${API}/programmes/${programme}/submissions` }, w.applicantB));
        expect(list.items.length).toBeGreaterThan(0);
        expect(list.items.map((s: { id: string }) => s.id)).not.toContain(w.open.bidA);
        expect(list.items.map((s: { id: string }) => s.id)).not.toContain(w.published.bidA);
      }
      const clusters = jsonOf(await send(t, { method: 'get', path: `${API}/clusters` }, w.applicantB));
      expect(clusters.items.map((c: { id: string }) => c.id)).toEqual([w.clusterB]);
    });
  });

  describe('public routes', () => {
    it('a draft programme is invisible to everyone but staff, and unpublished results to everyone', async () => {
      const draft = [
        `${API}/programmes/${w.draftProgramme}`,
        `${API}/programmes/${w.draftProgramme}/rule-versions`,
        `${API}/programmes/${w.draftProgramme}/results`,
        `${API}/programmes/${w.draftProgramme}/protocol`,
      ];
      const unpublished = [w.open.id, w.scoring.id].flatMap((id) => [
        `${API}/programmes/${id}/results`,
        `${API}/programmes/${id}/results.csv`,
        `${API}/programmes/${id}/protocol`,
      ]);
      for (const as of [null, w.applicantA, w.commissioner]) {
        await expectAllRefused(
          [...draft, ...unpublished].map((path): Call => ({ method: 'get', path })),
          as,
          404,
          'NOT_FOUND',
        );
      }
      for (const as of [w.ministry, w.auditor]) expect((await send(t, { method: 'get', path: draft[0] }, as)).status).toBe(200);
      const list = jsonOf(await send(t, { method: 'get', path: `${API}/programmes?pageSize=200` }, null));
      expect(list.items.map((p: { id: string }) => p.id)).not.toContain(w.draftProgramme);
      expect((await send(t, { method: 'get', path: `${API}/programmes/${w.published.id}/results` }, null)).status).toBe(200);
    });
  });

  describe('a reviewer against a conflicted reviewer', () => {
    const reviewCalls = (review: string): Call[] => [
      { method: 'get', path: `${API}/reviews/${review}` },
      { method: 'put', path: `${API}/reviews/${review}/scores`, body: { scores: fullScores() } },
      { method: 'post', path: `${API}/reviews/${review}/submit` },
      { method: 'get', path: `${API}/reviews/${review}/panel` },
      { method: 'post', path: `${API}/reviews/${review}/conflict`, body: { kind: 'other', reason: 'Совместные публикации' } },
    ];

    it('the reviewer who took the bid over reads it; the conflicted member gets 404 on every review of that bid', async () => {
      const { member, submissionId, recusedReviewId } = w.scoring.conflicted;
      const others = w.scoring.reviews.filter((r) => r.submissionId === submissionId && r.status !== 'recused');
      expect(others.length).toBeGreaterThan(0);
      for (const review of others) {
        const reviewer = w.scoring.members.find((m) => m.id === review.memberId)!;
        const own = jsonOf(await send(t, { method: 'get', path: `${API}/reviews/${review.id}` }, reviewer.user));
        expect(own.review).toMatchObject({ id: review.id, submissionId });
      }
      await expectAllRefused([recusedReviewId, ...others.map((r) => r.id)].flatMap(reviewCalls), member.user, 404, 'NOT_FOUND');
      const list = jsonOf(await send(t, { method: 'get', path: `${API}/reviews` }, member.user));
      expect(list.items.map((r: { submissionId: string }) => r.submissionId)).not.toContain(submissionId);
    });

    it('a member gets 404 on another member’s review of a bid both may see', async () => {
      const [mine, theirs] = [w.scoring.members[1], w.scoring.members[2]];
      const review = w.scoring.reviews.find((r) => r.memberId === theirs.id && r.status !== 'recused')!;
      await expectAllRefused(reviewCalls(review.id), mine.user, 404, 'NOT_FOUND');
    });

    it('a member who is not the chair gets 404 for the scores and the consensus', async () => {
      const member = w.scoring.members[1].user;
      const bid = w.scoring.programme.bids[0].id;
      await expectAllRefused(
        [
          { method: 'get', path: `${API}/programmes/${w.scoring.id}/scores` },
          { method: 'get', path: `${API}/programmes/${w.scoring.id}/scores/disagreements` },
          {
            method: 'put',
            path: `${API}/programmes/${w.scoring.id}/scores/consensus/${bid}`,
            body: { scores: [{ criterionCode: 'quality', score: 3, justification: JUSTIFICATION }] },
          },
        ],
        member,
        404,
        'NOT_FOUND',
      );
    });

    it('a chair conflicted on a bid gets 404 for its consensus and does not see it among the scores', async () => {
      // The chair of the scoring programme (w.commissioner) is recorded as conflicted on a bid after assignment.
      const chair = w.scoring.members[0];
      const bid = w.scoring.programme.bids.find((b) => b.id !== w.scoring.conflicted.submissionId)!.id;
      const recorded = await t
        .http()
        .post(`${API}/programmes/${w.scoring.id}/commission/conflicts`)
        .set(w.ministry.auth)
        .send({ memberId: chair.id, submissionId: bid, kind: 'co-author', reason: 'Соавтор программы развития кластера' });
      expect(recorded.status).toBe(201);
      await expectAllRefused(
        [
          {
            method: 'put',
            path: `${API}/programmes/${w.scoring.id}/scores/consensus/${bid}`,
            body: { scores: [{ criterionCode: 'quality', score: 3, justification: JUSTIFICATION }] },
          },
        ],
        chair.user,
        404,
        'NOT_FOUND',
      );
      for (const path of [`${API}/programmes/${w.scoring.id}/scores`, `${API}/programmes/${w.scoring.id}/scores/disagreements`]) {
        const shown = jsonOf(await send(t, { method: 'get', path }, chair.user));
        expect(JSON.stringify(shown)).not.toContain(bid);
      }
      // staff still see every bid
      const staff = jsonOf(await send(t, { method: 'get', path: `${API}/programmes/${w.scoring.id}/scores` }, w.ministry));
      expect(JSON.stringify(staff)).toContain(bid);
    });
  });

  describe('roles against routes that are not theirs, with real ids', () => {
    /** Every write route with a real target, and who may call it (the rest must get 403). */
    const writes = (): [Call, Role[]][] => [
      [
        {
          method: 'post',
          path: `${API}/users`,
          body: { email: 'x@example.org', fullName: 'X', role: 'ministry', password: 'long-password-123' },
        },
        ['ministry'],
      ],
      [{ method: 'patch', path: `${API}/users/${w.applicantA.id}`, body: { isActive: false } }, ['ministry']],
      [{ method: 'post', path: `${API}/users/${w.ministry.id}/sessions/revoke` }, ['ministry']],
      [{ method: 'post', path: `${API}/clusters`, body: aCluster() }, ['ministry']],
      [{ method: 'delete', path: `${API}/clusters/${w.spareCluster}` }, ['ministry']],
      [{ method: 'patch', path: `${API}/clusters/${w.clusterA}`, body: { memberCount: 1 } }, ['ministry', 'applicant']],
      [{ method: 'post', path: `${API}/programmes`, body: aProgramme() }, ['ministry']],
      [{ method: 'patch', path: `${API}/programmes/${w.draftProgramme}`, body: { titleEn: 'Taken over' } }, ['ministry']],
      [{ method: 'post', path: `${API}/programmes/${w.open.id}/status`, body: { status: 'archived' } }, ['ministry']],
      [{ method: 'post', path: `${API}/programmes/${w.open.id}/rule-versions`, body: { reason: 'x', changes: {} } }, ['ministry']],
      [
        {
          method: 'post',
          path: `${API}/programmes/${w.open.id}/extensions`,
          body: { clusterId: w.clusterA, closesAt: '2099-01-01T00:00:00Z', reason: 'x' },
        },
        ['ministry'],
      ],
      [
        { method: 'put', path: `${API}/submissions/${w.open.bidA}/eligibility`, body: { results: [{ code: 'so', passed: true }] } },
        ['ministry'],
      ],
      [
        { method: 'patch', path: `${API}/programmes/${w.scoring.id}/commission`, body: { reviewDueAt: '2099-01-01T00:00:00Z' } },
        ['ministry'],
      ],
      [{ method: 'post', path: `${API}/programmes/${w.scoring.id}/commission/members`, body: {} }, ['ministry']],
      [
        { method: 'patch', path: `${API}/programmes/${w.scoring.id}/commission/members/${w.scoring.members[1].id}`, body: { loadCap: 0 } },
        ['ministry'],
      ],
      [{ method: 'delete', path: `${API}/programmes/${w.scoring.id}/commission/members/${w.scoring.members[1].id}` }, ['ministry']],
      [{ method: 'post', path: `${API}/programmes/${w.scoring.id}/commission/conflicts`, body: {} }, ['ministry']],
      [{ method: 'post', path: `${API}/programmes/${w.scoring.id}/commission/my-conflicts`, body: {} }, ['commissioner']],
      [{ method: 'post', path: `${API}/programmes/${w.scoring.id}/commission/assignments/run`, body: { seed: 1 } }, ['ministry']],
      [{ method: 'put', path: `${API}/programmes/${w.scoring.id}/commission/assignments/swap`, body: {} }, ['ministry']],
      [{ method: 'post', path: `${API}/programmes/${w.scoring.id}/commission/close` }, ['ministry']],
      [{ method: 'post', path: `${API}/programmes/${w.scoring.id}/ranking` }, ['ministry']],
      [{ method: 'post', path: `${API}/programmes/${w.published.id}/allocation-runs`, body: {} }, ['ministry']],
      [
        { method: 'post', path: `${API}/programmes/${w.published.id}/allocation-runs/${w.published.runId}/publish`, body: {} },
        ['ministry'],
      ],
      [
        { method: 'post', path: `${API}/appeals/${w.published.appealId}/resolve`, body: { decision: 'upheld', reasoning: JUSTIFICATION } },
        ['ministry'],
      ],
      [{ method: 'post', path: `${API}/programmes/${w.published.id}/decisions/issues` }, ['ministry']],
      [
        { method: 'post', path: `${API}/programmes/${w.published.id}/decisions/issues/${w.published.issueId}/retry`, body: {} },
        ['ministry'],
      ],
      [{ method: 'patch', path: `${API}/submissions/${w.open.bidA}`, body: { title: 'x' } }, ['applicant']],
      [{ method: 'post', path: `${API}/submissions/${w.open.bidA}/withdraw` }, ['applicant']],
      [{ method: 'post', path: `${API}/submissions/${w.published.bidA}/appeal`, body: { grounds: JUSTIFICATION } }, ['applicant']],
      [{ method: 'put', path: `${API}/reviews/${w.scoring.reviews[0].id}/scores`, body: { scores: fullScores() } }, ['commissioner']],
    ];
    /** Staff-only reads with real ids. */
    const staffReads = (): Call[] =>
      [
        `${API}/users`,
        `${API}/users/${w.ministry.id}`,
        `${API}/audit`,
        `${API}/audit/verify`,
        `${API}/programmes/${w.open.id}/extensions`,
        `${API}/programmes/${w.open.id}/submissions/export.csv`,
        `${API}/programmes/${w.scoring.id}/commission`,
        `${API}/programmes/${w.scoring.id}/commission/conflicts`,
        `${API}/programmes/${w.scoring.id}/commission/assignments`,
        `${API}/programmes/${w.scoring.id}/scores/progress`,
        `${API}/programmes/${w.scoring.id}/scores/export.csv`,
        `${API}/programmes/${w.published.id}/ranking`,
        `${API}/programmes/${w.published.id}/allocation-runs`,
        `${API}/programmes/${w.published.id}/allocation-runs/${w.published.runId}`,
        `${API}/programmes/${w.published.id}/appeals`,
        `${API}/programmes/${w.published.id}/decisions/issues/${w.published.issueId}`,
      ].map((path) => ({ method: 'get', path }));

    it.each(['applicant', 'commissioner', 'auditor'] as const)(
      '%s gets 403 on every write route not theirs, and nothing changes',
      async (role) => {
        const as = { applicant: w.applicantA, commissioner: w.commissioner, auditor: w.auditor }[role];
        const refused = writes()
          .filter(([, roles]) => !roles.includes(role))
          .map(([call]) => call);
        expect(refused.length).toBeGreaterThan(10);
        await expectAllRefused(refused, as, 403, 'FORBIDDEN');
      },
    );

    it.each(['applicant', 'commissioner'] as const)('%s gets 403 on staff-only reads', async (role) => {
      await expectAllRefused(staffReads(), role === 'applicant' ? w.applicantA : w.commissioner, 403, 'FORBIDDEN');
    });

    it('an anonymous caller gets 401 on every route that is not public, real ids or not', async () => {
      await expectAllRefused(
        [
          ...writes().map(([call]) => call),
          ...staffReads(),
          ...bidCalls(w.published.bidA, w.published.attachmentA),
          { method: 'get', path: `${API}/reviews` },
          { method: 'get', path: `${API}/auth/me` },
        ],
        null,
        401,
        'UNAUTHENTICATED',
      );
    });
  });

  describe('tokens', () => {
    const me = (token: string) => t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${token}`);
    const publicList = (token: string) => t.http().get(`${API}/programmes`).set('Authorization', `Bearer ${token}`);

    it('is refused everywhere after logout, public routes included', async () => {
      const user = await t.user('applicant', { clusterId: w.clusterA });
      await t.http().post(`${API}/auth/logout`).set(user.auth).expect(204);
      expectRefusal(await me(user.token), 401, 'UNAUTHENTICATED', 'me');
      expectRefusal(await publicList(user.token), 401, 'UNAUTHENTICATED', 'programmes');
      expectRefusal(await t.http().get(`${API}/submissions/${w.open.bidA}`).set(user.auth), 401, 'UNAUTHENTICATED', 'bid');
    });

    it('is refused after the ministry revokes the user’s sessions, and after deactivation', async () => {
      const user = await t.user('auditor');
      const second = await t.login(user.email);
      await t.http().post(`${API}/users/${user.id}/sessions/revoke`).set(w.ministry.auth).expect(200);
      for (const token of [user.token, second]) expectRefusal(await me(token), 401, 'UNAUTHENTICATED', 'revoked');
      const fresh = await t.login(user.email);
      await me(fresh).expect(200);
      await t.http().patch(`${API}/users/${user.id}`).set(w.ministry.auth).send({ isActive: false }).expect(200);
      expectRefusal(await me(fresh), 401, 'UNAUTHENTICATED', 'deactivated');
      expectRefusal(
        await t.http().post(`${API}/auth/login`).send({ email: user.email, password: TEST_PASSWORD }),
        401,
        'AUTH_INVALID_CREDENTIALS',
        'login of a deactivated user',
      );
    });

    it('revoke-others and a password change end the other sessions and keep the current one', async () => {
      const user = await t.user('commissioner');
      const other = await t.login(user.email);
      await t.http().post(`${API}/auth/sessions/revoke-others`).set(user.auth).expect(200);
      expectRefusal(await me(other), 401, 'UNAUTHENTICATED', 'revoked by revoke-others');
      await me(user.token).expect(200);
      const third = await t.login(user.email);
      await t
        .http()
        .post(`${API}/auth/password`)
        .set(user.auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-password-2026' })
        .expect(204);
      expectRefusal(await me(third), 401, 'UNAUTHENTICATED', 'revoked by a password change');
      await me(user.token).expect(200);
    });

    it('refuses a token altered by one character, in another case, or made up', async () => {
      const user = await t.user('ministry');
      const flipped = user.token.slice(0, -1) + (user.token.endsWith('A') ? 'B' : 'A');
      for (const token of [flipped, user.token.toUpperCase(), randomUUID(), `${user.token}x`]) {
        if (token === user.token) continue;
        expectRefusal(await me(token), 401, 'UNAUTHENTICATED', token);
      }
      await me(user.token).expect(200);
    });
  });
});

describe('login rate limit as configured by default (5 failures per e-mail, 30 per address, 15 minutes)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const attempt = (email: string, password: string, headers: Record<string, string> = {}) =>
    t.http().post(`${API}/auth/login`).set(headers).send({ email, password });

  it('answers 429 with Retry-After after five failures, even for the right password and any spelling of the e-mail', async () => {
    const user = await t.user('applicant');
    for (let i = 0; i < 5; i++) expectRefusal(await attempt(user.email, `wrong-${i}`), 401, 'AUTH_INVALID_CREDENTIALS', `attempt ${i}`);
    for (const email of [user.email, user.email.toUpperCase(), `  ${user.email} `]) {
      const limited = await attempt(email, TEST_PASSWORD);
      expectRefusal(limited, 429, 'AUTH_TOO_MANY_ATTEMPTS', email);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    }
    // the session the user already had is untouched
    await t.http().get(`${API}/auth/me`).set(user.auth).expect(200);
  });

  it('holds under twelve parallel guesses: exactly five are checked', async () => {
    const user = await t.user('auditor');
    const statuses = (await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(user.email, `parallel-${i}`)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('limits one address over many e-mails, and a forged X-Forwarded-For does not reset it', async () => {
    // 5 + 5 failures so far from this address; spread the rest over fresh e-mails, below the per-e-mail limit
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM login_attempts WHERE NOT succeeded`);
    for (let i = rows[0].n; i < 30; i++) {
      const response = await attempt(`spray-${i}@example.org`, 'guess', { 'X-Forwarded-For': `198.51.100.${i}` });
      expect(response.status).toBe(401);
    }
    const user = await t.user('ministry').catch((error: Error) => error);
    expect(String(user)).toMatch(/login .* failed: 429/);
    expectRefusal(await attempt('fresh@example.org', 'guess', { 'X-Forwarded-For': '203.0.113.9' }), 429, 'AUTH_TOO_MANY_ATTEMPTS', 'ip');
  });
});
