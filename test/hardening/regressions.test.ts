import {
  aMember,
  API,
  aProgrammeInScoring,
  assignments,
  detail,
  expectError,
  fullScores,
  JUSTIFICATION,
  type Member,
  runAssignment,
  saveScores,
  scoreFully,
  type ScoringProgramme,
} from '../commissions/helpers';
import { binary } from '../submissions/api-helpers';
import { aProgramme } from '../support/factories';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { changedTables, digester } from './snapshot';

/** Bugs the fuzzer and the access tests found, each pinned by the smallest request that showed it. */
describe('hardening regressions', () => {
  let t: TestApp;
  let ministry: TestUser;
  let programme: ScoringProgramme;
  let chair: Member;
  let snapshot: () => Promise<Record<string, string>>;
  const base = () => `${API}/programmes/${programme.id}`;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    programme = await aProgrammeInScoring(t, ministry, { bids: 2, rules: { reviewersPerBid: 1 } });
    chair = await aMember(t, ministry, programme.id, { role: 'chair' });
    await runAssignment(t, ministry, programme.id).expect(200);
    snapshot = await digester(t);
  });
  afterAll(() => t.close());

  describe('a body nested a hundred thousand levels deep (was a 500: stack overflow in the NUL check)', () => {
    it.each([
      ['arrays', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
      ['objects', `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`],
      ['a field', `{"results":${'['.repeat(50_000)}${']'.repeat(50_000)}}`],
    ])('is refused with 400 naming the rule, nothing written (%s)', async (_kind, body) => {
      const before = await snapshot();
      for (const [method, path] of [
        ['post', `${API}/programmes`],
        ['put', `${API}/submissions/${programme.bids[0].id}/eligibility`],
      ] as const) {
        const response = await t.http()[method](path).set(ministry.auth).set('Content-Type', 'application/json').send(body);
        expectError(response, 400, 'VALIDATION_FAILED');
        expect(response.body.error.details[0].rule).toBe('maxDepth');
      }
      expect(changedTables(before, await snapshot())).toEqual([]);
    });

    it('still takes every real body (a programme nests four levels)', async () => {
      await t.http().post(`${API}/programmes`).set(ministry.auth).send(aProgramme()).expect(201);
    });
  });

  describe('half a surrogate pair in a string (was a 500: IsEmail runs encodeURI, which throws on it)', () => {
    it.each(['\ud83d', 'user\udc00@example.org', '\ud800x@example.org'])(
      '%j as an e-mail is refused with 400, nothing written',
      async (email) => {
        const before = await snapshot();
        for (const [path, body, as] of [
          [`${API}/auth/login`, { email, password: 'whatever-password' }, null],
          [`${API}/auth/register`, { email, fullName: 'Тест Тестович', password: 'long-enough-password-42' }, null],
          [`${API}/users`, { email, fullName: 'Тест', role: 'auditor', password: 'long-enough-password-42' }, ministry],
        ] as const) {
          const request = t.http().post(path);
          const response = await (as ? request.set(as.auth) : request).send(body);
          expectError(response, 400, 'VALIDATION_FAILED', [detail('email', 'wellFormedUnicode')]);
        }
        expect(changedTables(before, await snapshot())).toEqual([]);
      },
    );

    it('is refused in any other field and in keys; whole pairs (emoji) still pass', async () => {
      const field = await t.http().post(`${API}/clusters`).set(ministry.auth).send({ nameRu: 'Кластер \udfff' });
      expectError(field, 400, 'VALIDATION_FAILED', [detail('nameRu', 'wellFormedUnicode')]);
      const key = await t
        .http()
        .post(`${API}/programmes`)
        .set(ministry.auth)
        .send({ criteria: [{ '\ud800': 1 }] });
      expectError(key, 400, 'VALIDATION_FAILED', [detail('criteria[0]', 'wellFormedUnicode')]);
      const emoji = await t.http().post(`${API}/auth/login`).send({ email: '😀@example.org', password: 'whatever-password' });
      expect(emoji.status).not.toBe(500);
    });
  });

  describe('a request line or headers past Node’s 16 KB limit (was a bare 431 with an empty body)', () => {
    it('answers 431 in the single error shape with a request id', async () => {
      for (const request of [
        t.http().get(`${API}/programmes/${'x'.repeat(20_000)}`),
        t.http().get(`${API}/programmes?status=${'x'.repeat(20_000)}`),
        t.http().get(`${API}/programmes`).set('X-Padding', 'x'.repeat(20_000)),
      ]) {
        const response = await request;
        expectError(response, 431, 'HEADERS_TOO_LARGE');
        expect(response.headers['x-request-id']).toBe(response.body.requestId);
      }
    });
  });

  describe('numbers JavaScript prints in exponent form (was a 500 from class-validator’s decimal count)', () => {
    it.each([5e-324, 1e-7, 1.5e-10])('a score of %p is refused with 400 on scores[0].score, nothing written', async (score) => {
      const { items } = await assignments(t, ministry, programme.id);
      const before = await snapshot();
      const response = await saveScores(t, chair.user, items[0].id, [{ criterionCode: 'quality', score, justification: JUSTIFICATION }]);
      expectError(response, 400, 'VALIDATION_FAILED', [detail('scores[0].score', 'isNumber')]);
      expect(changedTables(before, await snapshot())).toEqual([]);
    });

    it('a criterion scale of 1e-7 is refused with 400 naming the field', async () => {
      const criteria = aProgramme().criteria.map((c, i) => (i === 0 ? { ...c, scaleStep: 1e-7, minScore: 5e-324 } : c));
      const response = await t.http().post(`${API}/programmes`).set(ministry.auth).send(aProgramme({ criteria }));
      expectError(response, 400, 'VALIDATION_FAILED', [
        detail('criteria[0].scaleStep', 'isNumber'),
        detail('criteria[0].minScore', 'isNumber'),
      ]);
    });

    it('two decimals and large whole numbers keep their old answers', async () => {
      const { items } = await assignments(t, ministry, programme.id);
      await saveScores(t, chair.user, items[0].id, [{ criterionCode: 'quality', score: 3.5, justification: JUSTIFICATION }]).expect(200);
      const tooPrecise = await saveScores(t, chair.user, items[0].id, [
        { criterionCode: 'quality', score: 3.555, justification: JUSTIFICATION },
      ]);
      expectError(tooPrecise, 400, 'VALIDATION_FAILED', [detail('scores[0].score', 'isNumber')]);
      const huge = await saveScores(t, chair.user, items[0].id, [{ criterionCode: 'quality', score: 1e21, justification: JUSTIFICATION }]);
      expectError(huge, 400, 'VALIDATION_FAILED', [detail('scores[0].score', 'max')]);
    });
  });

  describe('scores after ranking and publication (the export was a 500: the bids had left the commission board)', () => {
    const exports = async () => {
      const csv = await t.http().get(`${base()}/scores/export.csv`).set(ministry.auth).expect(200);
      const xlsx = await t.http().get(`${base()}/scores/export.xlsx`).set(ministry.auth).buffer(true).parse(binary).expect(200);
      const scores = await t.http().get(`${base()}/scores`).set(ministry.auth).expect(200);
      return { csv: csv.text, xlsx: xlsx.body as Buffer, scores: scores.body };
    };

    it('lists and exports every score once ranked, and again once published', async () => {
      for (const review of (await assignments(t, ministry, programme.id)).items) await scoreFully(t, chair.user, review.id);
      const scored = await exports();
      await t.http().post(`${base()}/commission/close`).set(ministry.auth).expect(200);
      await t.http().post(`${base()}/ranking`).set(ministry.auth).expect(200);
      const ranked = await exports();
      const run = await t.http().post(`${base()}/allocation-runs`).set(ministry.auth).send({}).expect(201);
      await t.http().post(`${base()}/allocation-runs/${run.body.id}/publish`).set(ministry.auth).send({}).expect(200);
      const published = await exports();
      for (const { csv, xlsx, scores } of [ranked, published]) {
        expect(csv).toBe(scored.csv);
        expect(xlsx.subarray(0, 2).toString()).toBe('PK');
        expect(scores.items.map((i: { registrationNumber: string }) => i.registrationNumber)).toEqual(
          programme.bids.map((b) => b.registrationNumber),
        );
        expect(scores.items.every((i: { scores: unknown[] }) => i.scores.length === fullScores().length)).toBe(true);
      }
      for (const bid of programme.bids) expect(published.csv).toContain(bid.registrationNumber);
    });
  });
});
