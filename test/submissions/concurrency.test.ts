import type { Response } from 'supertest';
import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { aCompleteDraft, anApplicantWithCluster, openProgramme, validLines } from '../support/bids';

/**
 * Real races through real HTTP: many submits in flight at once against the app and its PostgreSQL, and what the
 * database holds afterwards. The rules under test are the ones a check-then-write in JS would break: the deadline
 * judged by the database clock, the per-cluster cap, the single active bid and gap-free registration numbers.
 */
jest.setTimeout(180_000);

const MILLION_ROUBLES = 100_000_000n; // kopecks

type Applicant = Awaited<ReturnType<typeof anApplicantWithCluster>>;

interface Outcome {
  status: number;
  body: Response['body'];
  sentAt: number;
  completedAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Runs `work` over `items` with at most `limit` at a time (set-up only: password hashing is slow on 2 cores). */
async function inBatches<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

const rulesOf = (body: Response['body']): string[] => (body?.error?.details ?? []).map((d: { rule: string }) => d.rule).sort();
const numberOf = (registrationNumber: string) => Number(registrationNumber.split('-').pop());
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('submissions under concurrency', () => {
  let t: TestApp;
  let ministry: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    // Listen once ourselves so that supertest neither opens nor closes the server around concurrent requests.
    await t.app.listen(0, '127.0.0.1');
    ministry = await t.user('ministry');
  });
  afterAll(() => t.close());

  const applicants = (n: number) => inBatches(oneTo(n), 6, () => anApplicantWithCluster(t, ministry));

  const submit = async (user: TestUser, id: string, at?: number): Promise<Outcome> => {
    if (at !== undefined) await sleep(at - Date.now());
    const sentAt = Date.now();
    const response = await t.http().post(`/api/v1/submissions/${id}/submit`).set(user.auth);
    return { status: response.status, body: response.body, sentAt, completedAt: Date.now() };
  };

  const expectNoServerErrors = (outcomes: { status: number; body: unknown }[]) => {
    const failures = outcomes.filter((o) => o.status >= 500 || ![200, 201, 409, 422].includes(o.status));
    expect(failures).toEqual([]);
  };

  /** Registration numbers of the programme in the database, and its counter. */
  const numbersInDb = async (programmeId: string) => {
    const { rows } = await t.db.query(
      `SELECT registration_number FROM submissions WHERE programme_id = $1 AND registration_number IS NOT NULL ORDER BY registration_number`,
      [programmeId],
    );
    const counter = await t.db.query(`SELECT last_number FROM programme_counters WHERE programme_id = $1`, [programmeId]);
    return { numbers: rows.map((r) => numberOf(r.registration_number)), counter: counter.rows[0].last_number as number };
  };

  it('decides the deadline race by the database clock: accepted before closesAt, refused after, numbers 1..n', async () => {
    const programme = await openProgramme(t, ministry);
    const clusters = await applicants(40);
    const drafts = await inBatches(clusters, 6, (a) => aCompleteDraft(t, a.user, programme.id));

    // Bring the deadline forward to ~4 s from now (an audited rule version, as the ministry would do it).
    const moved = await t
      .http()
      .post(`/api/v1/programmes/${programme.id}/rule-versions`)
      .set(ministry.auth)
      .send({ reason: 'Deadline brought forward for the race', changes: { closesAt: new Date(Date.now() + 4000).toISOString() } });
    expect(moved.status).toBe(201);
    const closesAt = (await t.db.query(`SELECT closes_at FROM programmes WHERE id = $1`, [programme.id])).rows[0].closes_at as Date;
    const deadline = closesAt.getTime();
    expect(deadline - Date.now()).toBeGreaterThan(1600);

    // 40 submits, one every ~77 ms from 1.5 s before the deadline to 1.5 s after it.
    const outcomes = await Promise.all(
      drafts.map((draft, i) => submit(clusters[i].user, draft.id, deadline - 1500 + Math.round((3000 * i) / (drafts.length - 1)))),
    );
    expectNoServerErrors(outcomes);

    const accepted = outcomes.filter((o) => o.status === 201);
    const refused = outcomes.filter((o) => o.status !== 201);
    // Every refusal is the deadline and nothing else.
    for (const o of refused) {
      if (o.status === 409) expect(o.body.error.code).toBe('SUBMISSION_DEADLINE_PASSED');
      else expect({ status: o.status, rules: rulesOf(o.body) }).toEqual({ status: 422, rules: ['deadlinePassed'] });
    }
    // Node's clock and PostgreSQL's are the same machine's clock (Date.now() has ms, the database µs: 1 ms slack).
    // Accepted: sent and stamped before the deadline. Refused: the database clock had reached the deadline before the
    // answer came back. So a request sent after the deadline is refused, one answered before it accepted.
    for (const o of accepted) {
      expect(o.sentAt).toBeLessThanOrEqual(deadline);
      expect(Date.parse(o.body.submittedAt)).toBeLessThan(deadline);
    }
    for (const o of refused) expect(o.completedAt).toBeGreaterThanOrEqual(deadline - 1);
    expect(outcomes.filter((o) => o.sentAt > deadline).every((o) => o.status !== 201)).toBe(true);
    expect(outcomes.filter((o) => o.completedAt < deadline - 1).every((o) => o.status === 201)).toBe(true);
    // Both sides of the deadline were really exercised (about half each; fewer accepted only if the machine stalls).
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(refused.length).toBeGreaterThanOrEqual(5);

    // The database agrees, to the microsecond: every submitted bid (and its version, and its audit row) is before
    // closes_at; every refused bid is untouched.
    const { rows } = await t.db.query(
      `SELECT s.status, s.registration_number, s.current_version, (s.submitted_at < p.closes_at) AS in_time,
              (SELECT count(*)::int FROM submission_versions v WHERE v.submission_id = s.id AND v.submitted_at < p.closes_at) AS versions_in_time,
              (SELECT count(*)::int FROM submission_versions v WHERE v.submission_id = s.id) AS versions,
              (SELECT count(*)::int FROM audit_log a WHERE a.entity_id = s.id::text AND a.action = 'submission.submitted'
                 AND (a.after->>'submittedAt')::timestamptz < p.closes_at) AS audited_in_time
       FROM submissions s JOIN programmes p ON p.id = s.programme_id WHERE s.programme_id = $1`,
      [programme.id],
    );
    const submitted = rows.filter((r) => r.status === 'submitted');
    expect(submitted).toHaveLength(accepted.length);
    for (const r of submitted)
      expect(r).toMatchObject({ in_time: true, current_version: 1, versions: 1, versions_in_time: 1, audited_in_time: 1 });
    for (const r of rows.filter((r) => r.status !== 'submitted')) {
      expect(r).toMatchObject({ status: 'draft', registration_number: null, current_version: 0, versions: 0 });
    }

    // Gap-free numbering among the accepted: exactly 1..n, no duplicates, and the counter at n.
    const received = accepted.map((o) => numberOf(o.body.registrationNumber)).sort((a, b) => a - b);
    expect(received).toEqual(oneTo(accepted.length));
    expect(await numbersInDb(programme.id)).toEqual({ numbers: oneTo(accepted.length), counter: accepted.length });
  });

  it('holds the per-cluster cap when one cluster submits six bids at once: exactly two of 100 m fit under 250 m', async () => {
    const programme = await openProgramme(t, ministry, {
      maxFederalPerBidKopecks: `${100n * MILLION_ROUBLES}`,
      maxFederalPerClusterKopecks: `${250n * MILLION_ROUBLES}`,
      singleActiveBid: false,
    });
    for (let round = 0; round < 4; round++) {
      const { user, cluster } = await anApplicantWithCluster(t, ministry);
      const drafts = await inBatches(oneTo(6), 3, () => aCompleteDraft(t, user, programme.id, validLines(2027, 100n * MILLION_ROUBLES)));
      const outcomes = await Promise.all(drafts.map((d) => submit(user, d.id)));
      expectNoServerErrors(outcomes);
      expect(outcomes.filter((o) => o.status === 201)).toHaveLength(2);
      for (const o of outcomes.filter((o) => o.status !== 201))
        expect({ status: o.status, rules: rulesOf(o.body) }).toEqual({ status: 422, rules: ['perClusterCap'] });

      const { rows } = await t.db.query(
        `SELECT count(*)::int AS active, coalesce(sum(submitted_federal_kopecks), 0)::text AS federal
         FROM submissions WHERE programme_id = $1 AND cluster_id = $2 AND status = 'submitted'`,
        [programme.id, cluster.id],
      );
      expect(rows[0]).toEqual({ active: 2, federal: `${200n * MILLION_ROUBLES}` });
      expect(BigInt(rows[0].federal)).toBeLessThanOrEqual(250n * MILLION_ROUBLES);
    }
    // Refused bids consumed no numbers: four rounds of two accepted bids are numbers 1..8.
    expect(await numbersInDb(programme.id)).toEqual({ numbers: oneTo(8), counter: 8 });
  });

  it('lets exactly one of two simultaneous bids of a cluster through when the programme allows one active bid', async () => {
    const programme = await openProgramme(t, ministry, { singleActiveBid: true });
    for (let round = 0; round < 5; round++) {
      const { user, cluster } = await anApplicantWithCluster(t, ministry);
      const drafts = [await aCompleteDraft(t, user, programme.id), await aCompleteDraft(t, user, programme.id)];
      const outcomes = await Promise.all(drafts.map((d) => submit(user, d.id)));
      expectNoServerErrors(outcomes);
      expect(outcomes.map((o) => o.status).sort()).toEqual([201, 422]);
      expect(rulesOf(outcomes.find((o) => o.status === 422)!.body)).toEqual(['singleActiveBid']);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM submissions WHERE cluster_id = $1 AND status = 'submitted'`, [
        cluster.id,
      ]);
      expect(rows[0].n).toBe(1);
    }
    expect(await numbersInDb(programme.id)).toEqual({ numbers: oneTo(5), counter: 5 });
  });

  it('numbers 60 simultaneous first submissions 00001..00060 while failing submits in between consume none', async () => {
    const programme = await openProgramme(t, ministry, { singleActiveBid: false });
    const clusters = await applicants(60);
    const complete = await inBatches(clusters, 6, (a) => aCompleteDraft(t, a.user, programme.id));
    // A second bid of every third cluster lacks the required attachment: refused with 422, after the same locks.
    const incomplete = await inBatches(
      clusters.filter((_, i) => i % 3 === 0),
      6,
      async (a) => {
        const draft = await t
          .http()
          .post(`/api/v1/programmes/${programme.id}/submissions`)
          .set(a.user.auth)
          .send({
            title: 'Без письма субъекта',
            summary: 'Неполная заявка',
            sections: { programme: 'Текст' },
            budgetLines: validLines(2028, 10n * MILLION_ROUBLES),
          });
        expect(draft.status).toBe(201);
        return { user: a.user, id: draft.body.id as string };
      },
    );
    // Interleave: after every third complete bid, one incomplete one.
    const requests = complete.flatMap((d, i) => [
      { user: clusters[i].user, id: d.id, complete: true },
      ...(i % 3 === 2 ? [{ ...incomplete[(i - 2) / 3], complete: false }] : []),
    ]);
    expect(requests).toHaveLength(80);
    const outcomes = await Promise.all(requests.map((r) => submit(r.user, r.id).then((o) => ({ ...o, complete: r.complete }))));
    expectNoServerErrors(outcomes);

    for (const o of outcomes.filter((o) => !o.complete))
      expect({ status: o.status, rules: rulesOf(o.body) }).toEqual({ status: 422, rules: ['requiredAttachment'] });
    const accepted = outcomes.filter((o) => o.complete);
    expect(accepted.every((o) => o.status === 201)).toBe(true);
    const expected = oneTo(60).map((n) => `${programme.code}-${String(n).padStart(5, '0')}`);
    expect(accepted.map((o) => o.body.registrationNumber).sort()).toEqual(expected);
    expect(await numbersInDb(programme.id)).toEqual({ numbers: oneTo(60), counter: 60 });

    const verify = await t.http().get('/api/v1/audit/verify').set(ministry.auth).expect(200);
    expect(verify.body.valid).toBe(true);
  });

  it('keeps a bid consistent when a resubmit and a withdrawal of it race, and numbers double-clicked resubmits in order', async () => {
    const programme = await openProgramme(t, ministry, { singleActiveBid: false });
    const bids: { user: TestUser; id: string; number: string }[] = [];
    for (const a of await applicants(8)) {
      const draft = await aCompleteDraft(t, a.user, programme.id);
      const first = await submit(a.user, draft.id);
      expect(first.status).toBe(201);
      await t.http().patch(`/api/v1/submissions/${draft.id}`).set(a.user.auth).send({ title: 'Уточнённое название' }).expect(200);
      bids.push({ user: a.user, id: draft.id, number: first.body.registrationNumber });
    }

    const raced = await Promise.all(
      bids.map(async (bid) => {
        const [resubmitted, withdrawn] = await Promise.all([
          submit(bid.user, bid.id),
          t.http().post(`/api/v1/submissions/${bid.id}/withdraw`).set(bid.user.auth),
        ]);
        return { bid, resubmitted, withdrawn: { status: withdrawn.status, body: withdrawn.body } };
      }),
    );
    expectNoServerErrors(raced.flatMap((r) => [r.resubmitted, r.withdrawn]));
    for (const { bid, resubmitted, withdrawn } of raced) {
      // Both orders are legal: withdraw-then-resubmit leaves it submitted, resubmit-then-withdraw leaves it withdrawn.
      expect(resubmitted.status).toBe(201);
      expect(resubmitted.body).toMatchObject({ registrationNumber: bid.number, version: 2 });
      expect(withdrawn.status).toBe(200);
    }
    await expectConsistent(bids.map((b) => b.id));

    // A double click (and a few more): five resubmits of one bid at once become versions 2..6, one number.
    const bid = bids[0];
    const clicks = await Promise.all(oneTo(5).map(() => submit(bid.user, bid.id)));
    expectNoServerErrors(clicks);
    expect(clicks.every((c) => c.status === 201 && c.body.registrationNumber === bid.number)).toBe(true);
    expect(clicks.map((c) => c.body.version).sort()).toEqual([3, 4, 5, 6, 7]);
    await expectConsistent([bid.id]);
    expect(await numbersInDb(programme.id)).toEqual({ numbers: oneTo(8), counter: 8 });
  });

  /** The row agrees with its versions and with the audit log, whichever order the racing requests committed in. */
  async function expectConsistent(ids: string[]) {
    const { rows } = await t.db.query(
      `SELECT s.id, s.status, s.current_version, s.registration_number, s.submitted_federal_kopecks::text AS federal,
              array_agg(v.version ORDER BY v.version) AS versions, array_agg(DISTINCT v.registration_number) AS numbers,
              (array_agg(v.federal_kopecks::text ORDER BY v.version DESC))[1] AS last_federal,
              (SELECT a.action FROM audit_log a WHERE a.entity_id = s.id::text AND a.action IN ('submission.submitted', 'submission.withdrawn')
               ORDER BY a.seq DESC LIMIT 1) AS last_action,
              (SELECT count(*)::int FROM audit_log a WHERE a.entity_id = s.id::text AND a.action = 'submission.submitted') AS audited_versions
       FROM submissions s JOIN submission_versions v ON v.submission_id = s.id
       WHERE s.id = ANY($1::uuid[]) GROUP BY s.id`,
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    for (const r of rows) {
      expect(r.versions).toEqual(oneTo(r.current_version));
      expect(r.numbers).toEqual([r.registration_number]);
      expect(r.audited_versions).toBe(r.current_version);
      expect(r.last_action).toBe(r.status === 'withdrawn' ? 'submission.withdrawn' : 'submission.submitted');
      expect(['submitted', 'withdrawn']).toContain(r.status);
      expect(r.federal).toBe(r.status === 'withdrawn' ? '0' : r.last_federal);
    }
  }
});
