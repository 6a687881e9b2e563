import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/common/config/config';
import { configureApp } from '../../src/common/http/configure-app';
import {
  aMember,
  API,
  aProgrammeInScoring,
  assignments,
  detail,
  expectError,
  type Member,
  runAssignment,
  type ScoringProgramme,
  scoreFully,
} from '../commissions/helpers';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';

/** Four bids of 10 m roubles each: 5.0 first, two tied at 3.6 (quality decides), one below the quality minimum. */
const SCORES: [number, number][] = [
  [5, 5],
  [4, 3],
  [3, 4.5],
  [0.5, 5],
];
const REQUEST = 1_000_000_000n;

describe('ranking, allocation runs and publication', () => {
  let t: TestApp;
  let ministry: TestUser;
  let auditor: TestUser;
  let applicant: TestUser;
  let programme: ScoringProgramme;
  let members: Member[];
  const base = () => `${API}/programmes/${programme.id}`;
  const createRun = (body: Record<string, unknown>, as: TestUser = ministry) =>
    t.http().post(`${base()}/allocation-runs`).set(as.auth).send(body);
  const publish = (runId: string, body: Record<string, unknown> = {}, http = t.http()) =>
    http.post(`${base()}/allocation-runs/${runId}/publish`).set(ministry.auth).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    auditor = await t.user('auditor');
    programme = await aProgrammeInScoring(t, ministry, {
      bids: 4,
      rules: { reviewersPerBid: 2, tieBreakChain: [{ rule: 'criterion', criterionCode: 'quality' }], reserveListLength: 1 },
    });
    applicant = await t.user('applicant', { clusterId: programme.bids[0].clusterId });
    members = [
      await aMember(t, ministry, programme.id, { role: 'chair' }),
      await aMember(t, ministry, programme.id),
      await aMember(t, ministry, programme.id),
    ];
    expect((await runAssignment(t, ministry, programme.id)).status).toBe(200);
    const { items } = await assignments(t, ministry, programme.id);
    for (const review of items) {
      const bidIndex = programme.bids.findIndex((b) => b.id === review.submissionId);
      const member = members.find((m) => m.id === review.memberId)!;
      await scoreFully(t, member.user, review.id, ...SCORES[bidIndex]);
    }
  });

  afterAll(() => t.close());

  it('previews the ranking before the commission closes, but refuses to freeze it', async () => {
    const preview = await t.http().get(`${base()}/ranking`).set(auditor.auth).expect(200);
    expect(preview.body.stored).toBe(false);
    expect(preview.body.ranked.map((r: { registrationNumber: string }) => r.registrationNumber)).toEqual(
      [0, 1, 2].map((i) => programme.bids[i].registrationNumber),
    );
    expectError(await t.http().post(`${base()}/ranking`).set(ministry.auth), 409, 'ALLOCATION_NOT_READY_TO_RANK');
    expectError(await createRun({}), 409, 'ALLOCATION_NOT_RANKED');
  });

  it('ranks once the commission has closed: thresholds exclude with a reason, ties are explained', async () => {
    expect((await t.http().post(`${base()}/commission/close`).set(ministry.auth)).status).toBe(200);
    const ranked = await t.http().post(`${base()}/ranking`).set(ministry.auth).expect(200);
    expect(ranked.body.stored).toBe(true);
    expect(ranked.body.ranked).toEqual([
      expect.objectContaining({ rank: 1, submissionId: programme.bids[0].id, weightedTotal: 5, tieBreak: null }),
      expect.objectContaining({ rank: 2, submissionId: programme.bids[1].id, weightedTotal: 3.6, tieBreak: null }),
      expect.objectContaining({
        rank: 3,
        submissionId: programme.bids[2].id,
        weightedTotal: 3.6,
        tieBreak: expect.objectContaining({
          rule: 'criterion',
          criterionCode: 'quality',
          versusRegistrationNumber: programme.bids[1].registrationNumber,
        }),
      }),
    ]);
    expect(ranked.body.ranked[2].tieBreak.explanation.en).toContain('quality');
    expect(ranked.body.excluded).toEqual([
      expect.objectContaining({
        submissionId: programme.bids[3].id,
        reason: expect.objectContaining({ en: expect.stringContaining('quality') }),
      }),
    ]);
    const shown = await t.http().get(`${API}/programmes/${programme.id}`).set(ministry.auth).expect(200);
    expect(shown.body.status).toBe('ranked');
    expectError(await t.http().post(`${base()}/ranking`).set(ministry.auth), 409, 'ALLOCATION_NOT_READY_TO_RANK');
    const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'programme.ranked'`, [programme.id]);
    expect(rows).toHaveLength(1);
  });

  it('greedy-skip funds in rank order and keeps the one that no longer fits in reserve; money adds up', async () => {
    const run = await createRun({ label: '25 m', policy: 'greedy-skip', budgetKopecks: '2500000000' }).expect(201);
    expect(run.body).toEqual(
      expect.objectContaining({
        number: 1,
        status: 'what-if',
        budgetKopecks: '2500000000',
        allocatedKopecks: '2000000000',
        remainderKopecks: '500000000',
      }),
    );
    const outcomes = run.body.bids.map((b: { registrationNumber: string; outcome: string }) => [b.registrationNumber, b.outcome]);
    expect(outcomes).toEqual([
      [programme.bids[0].registrationNumber, 'funded'],
      [programme.bids[1].registrationNumber, 'funded'],
      [programme.bids[2].registrationNumber, 'reserve'],
      [programme.bids[3].registrationNumber, 'excluded'],
    ]);
    const funded = run.body.bids.reduce((sum: bigint, b: { fundedFederalKopecks: string }) => sum + BigInt(b.fundedFederalKopecks), 0n);
    expect(funded + BigInt(run.body.remainderKopecks)).toBe(BigInt(run.body.budgetKopecks));
    expect(run.body.bids[0].lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: 'federal', amountKopecks: String(REQUEST) })]),
    );
  });

  it('partial-marginal gives the first bid that does not fit the remainder, co-financing scaled with it', async () => {
    const run = await createRun({ policy: 'partial-marginal', budgetKopecks: '2500000000', partialMinShareBasisPoints: 4000 }).expect(201);
    const third = run.body.bids[2];
    expect(third).toEqual(expect.objectContaining({ outcome: 'partially_funded', fundedFederalKopecks: '500000000' }));
    // co-financing stays at least the programme's 30 % share of the total
    const cofinancing = BigInt(third.fundedCofinancingKopecks);
    expect(cofinancing * 10_000n).toBeGreaterThanOrEqual(3000n * (cofinancing + 500_000_000n));
    expect(run.body.remainderKopecks).toBe('0');
  });

  it('answers bad run inputs with 4xx naming the field, and writes nothing', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM allocation_runs');
    expectError(await createRun({ budgetKopecks: '250000000001' }), 422, 'ALLOCATION_INPUT_INVALID', [
      detail('budgetKopecks', 'withinProgrammeBudget'),
    ]);
    expectError(await createRun({ policy: 'select-top-n', selectTopN: null }), 422, 'ALLOCATION_INPUT_INVALID', [detail('selectTopN')]);
    expectError(await createRun({ yearBudgets: [{ year: 2031, budgetKopecks: '1' }] }), 422, 'ALLOCATION_INPUT_INVALID', [
      detail('yearBudgets[0].year'),
    ]);
    expect((await createRun({ budgetKopecks: '-1' })).status).toBe(400);
    expect((await createRun({ budgetKopecks: 1.5 })).status).toBe(400);
    expect((await createRun({ policy: 'lottery' })).status).toBe(400);
    expect((await createRun({}, auditor)).status).toBe(403);
    const after = await t.db.query('SELECT count(*)::int AS n FROM allocation_runs');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('select-top-n awards a status without money; proportional cuts every bid by one factor', async () => {
    const top = await createRun({ policy: 'select-top-n', selectTopN: 2 }).expect(201);
    expect(top.body.bids.map((b: { outcome: string }) => b.outcome)).toEqual(['funded', 'funded', 'reserve', 'excluded']);
    expect(top.body.allocatedKopecks).toBe('0');
    const proportional = await createRun({ policy: 'proportional', budgetKopecks: '1500000000' }).expect(201);
    expect(proportional.body.bids.slice(0, 3).map((b: { fundedFederalKopecks: string }) => b.fundedFederalKopecks)).toEqual([
      '500000000',
      '500000000',
      '500000000',
    ]);
  });

  it('compares two runs side by side', async () => {
    const { body: list } = await t.http().get(`${base()}/allocation-runs`).set(auditor.auth).expect(200);
    const [greedy, partial] = [
      list.items.find((r: { number: number }) => r.number === 1),
      list.items.find((r: { number: number }) => r.number === 2),
    ];
    const compared = await t
      .http()
      .get(`${base()}/allocation-runs/compare`)
      .query({ a: greedy.id, b: partial.id })
      .set(ministry.auth)
      .expect(200);
    expect(compared.body.moved).toBe(1);
    const moved = compared.body.rows.find((r: { moved: boolean }) => r.moved);
    expect(moved).toEqual(
      expect.objectContaining({
        registrationNumber: programme.bids[2].registrationNumber,
        a: expect.objectContaining({ outcome: 'reserve' }),
        b: expect.objectContaining({ outcome: 'partially_funded' }),
        deltaKopecks: '500000000',
      }),
    );
    expect((await t.http().get(`${base()}/allocation-runs/compare`).query({ a: 'x', b: partial.id }).set(ministry.auth)).status).toBe(400);
  });

  it('keeps results private until publication', async () => {
    expect((await t.http().get(`${base()}/results`)).status).toBe(404);
  });

  it('two app instances racing to publish two runs: exactly one wins, the other gets 409', async () => {
    const second = await secondInstance(t.databaseUrl);
    try {
      const a = (await createRun({ label: 'A', budgetKopecks: '2500000000' }).expect(201)).body.id;
      const b = (await createRun({ label: 'B', budgetKopecks: '2000000000' }).expect(201)).body.id;
      const responses = await Promise.all([publish(a), publish(b, {}, request(second.getHttpServer()))]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM allocation_runs WHERE programme_id = $1 AND status = 'published'`, [
        programme.id,
      ]);
      expect(rows[0].n).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('publication is public, sets every outcome, and cannot be repeated without superseding', async () => {
    const results = await t.http().get(`${base()}/results`).expect(200);
    expect(results.body.total).toBe(4);
    expect(results.body.items[0]).toEqual({
      registrationNumber: programme.bids[0].registrationNumber,
      cluster: expect.objectContaining({ ru: expect.any(String) }),
      rank: 1,
      weightedTotal: 5,
      outcome: 'funded',
      fundedKopecks: String(REQUEST),
    });
    expect(JSON.stringify(results.body)).not.toContain(members[0].user.email);
    expect(results.body.items[3]).toEqual(expect.objectContaining({ rank: null, outcome: 'not_funded', fundedKopecks: '0' }));
    const { rows } = await t.db.query(`SELECT status FROM submissions WHERE id = $1`, [programme.bids[3].id]);
    expect(rows[0].status).toBe('not_funded');
    const whatIf = (await createRun({ label: 'after' }).expect(201)).body.id;
    expectError(await publish(whatIf), 409, 'ALLOCATION_ALREADY_PUBLISHED', [detail('supersede')]);
    expect((await publish(whatIf, { supersede: true })).status).toBe(400);
  });

  it('the database refuses a second published run, edits of a run and of its rows, whatever the code does', async () => {
    const { rows } = await t.db.query(`SELECT id FROM allocation_runs WHERE programme_id = $1 AND status = 'what-if' LIMIT 1`, [
      programme.id,
    ]);
    await expect(
      t.db.query(`UPDATE allocation_runs SET status = 'published', published_at = now() WHERE id = $1`, [rows[0].id]),
    ).rejects.toThrow(/IDX_allocation_runs_one_published/);
    await expect(t.db.query(`UPDATE allocation_runs SET allocated_kopecks = 0 WHERE id = $1`, [rows[0].id])).rejects.toThrow(
      /cannot be edited/,
    );
    await expect(t.db.query(`UPDATE allocation_run_bids SET funded_federal_kopecks = 0 WHERE run_id = $1`, [rows[0].id])).rejects.toThrow();
    await expect(t.db.query(`DELETE FROM allocation_runs WHERE id = $1`, [rows[0].id])).rejects.toThrow(/kept for the record/);
  });

  it('a superseding run replaces the publication; the earlier one is kept, marked superseded', async () => {
    const previous = (await t.http().get(`${base()}/results`).expect(200)).body.runNumber;
    const correction = (
      await createRun({
        label: 'correction',
        policy: 'partial-marginal',
        budgetKopecks: '2500000000',
        partialMinShareBasisPoints: 1000,
      }).expect(201)
    ).body;
    const published = await publish(correction.id, { supersede: true, reason: 'Апелляция удовлетворена: пересчёт распределения' }).expect(
      200,
    );
    expect(published.body.supersedesRunId).toEqual(expect.any(String));
    const results = await t.http().get(`${base()}/results`).expect(200);
    expect(results.body.runNumber).toBe(correction.number);
    const { rows } = await t.db.query(`SELECT status FROM allocation_runs WHERE programme_id = $1 AND number = $2`, [
      programme.id,
      previous,
    ]);
    expect(rows[0].status).toBe('superseded');
    const csv = await t.http().get(`${base()}/results.csv`).expect(200);
    expect(csv.text).toContain(programme.bids[2].registrationNumber);
    expect(csv.headers['content-disposition']).toContain('attachment');
    const xlsx = await t.http().get(`${base()}/allocation-runs/${correction.id}/export.xlsx`).set(ministry.auth).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await t.http().get(`${base()}/allocation-runs`).set(applicant.auth)).status).toBe(403);
  });
});

async function secondInstance(databaseUrl: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ ...loadConfig({}), loadDemoData: false }, databaseUrl)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureApp(app);
  await app.init();
  return app;
}
