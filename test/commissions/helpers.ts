import type { Response } from 'supertest';
import { aCompleteDraft, anApplicantWithCluster, openProgramme, validLines } from '../support/bids';
import { anInn } from '../support/factories';
import type { TestApp, TestUser } from '../support/test-app';

export const API = '/api/v1';

export interface ScoringProgramme {
  id: string;
  code: string;
  bids: {
    id: string;
    registrationNumber: string;
    clusterId: string;
    organisationInn: string;
    participantInns: string[];
    regionCode: string;
  }[];
}

/** A long enough justification for the factory programme (minJustificationLength 50 by default). */
export const JUSTIFICATION = 'Обоснование оценки: программа развития кластера проработана, бюджет реалистичен и подтверждён.';

/**
 * An open programme, `bids` clusters each with an applicant and a complete submitted bid, the deadline passed (by
 * moving closes_at into the past in the database), the programme closed and every bid marked eligible.
 */
export async function aProgrammeInScoring(
  t: TestApp,
  ministry: TestUser,
  options: { bids?: number; rules?: Record<string, unknown>; clusters?: Record<string, unknown>[] } = {},
): Promise<ScoringProgramme> {
  const count = options.clusters?.length ?? options.bids ?? 3;
  const programme = await openProgramme(t, ministry, { singleActiveBid: false, ...options.rules });
  const bids: ScoringProgramme['bids'] = [];
  for (let i = 0; i < count; i++) {
    const clusterInput = {
      organisationInn: anInn(),
      regionCode: 'RU-TOM',
      participantInns: [],
      ...(options.clusters?.[i] ?? {}),
    } as Record<string, unknown>;
    const { user, cluster } = await anApplicantWithCluster(t, ministry, clusterInput);
    const draft = await aCompleteDraft(t, user, programme.id, validLines(2027, 1_000_000_000n));
    const submitted = await t.http().post(`${API}/submissions/${draft.id}/submit`).set(user.auth);
    if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    const { rows } = await t.db.query('SELECT registration_number FROM submissions WHERE id = $1', [draft.id]);
    bids.push({
      id: draft.id,
      registrationNumber: rows[0].registration_number,
      clusterId: cluster.id,
      organisationInn: clusterInput.organisationInn as string,
      participantInns: clusterInput.participantInns as string[],
      regionCode: clusterInput.regionCode as string,
    });
  }
  // the deadline passes: move it into the past (opens_at is a day ago, so the window stays valid)
  await t.db.query(`UPDATE programmes SET closes_at = now() - interval '1 second' WHERE id = $1`, [programme.id]);
  const closed = await t.http().post(`${API}/programmes/${programme.id}/status`).set(ministry.auth).send({ status: 'closed' });
  if (closed.status !== 200) throw new Error(`close: ${closed.status} ${JSON.stringify(closed.body)}`);
  const { rows: checklist } = await t.db.query('SELECT code FROM eligibility_items WHERE programme_id = $1', [programme.id]);
  for (const bid of bids) {
    const decided = await t
      .http()
      .put(`${API}/submissions/${bid.id}/eligibility`)
      .set(ministry.auth)
      .send({ results: checklist.map((c: { code: string }) => ({ code: c.code, passed: true })) });
    if (decided.status !== 200 || decided.body.status !== 'eligible') {
      throw new Error(`eligibility: ${decided.status} ${JSON.stringify(decided.body)}`);
    }
  }
  return { id: programme.id, code: programme.code, bids };
}

export interface Member {
  id: string;
  user: TestUser;
  organisationInn: string;
  regionCode: string;
}

export function memberBody(user: TestUser, input: Partial<Record<string, unknown>> = {}) {
  return {
    userId: user.id,
    role: 'member',
    organisationName: 'Институт экспертизы (тест)',
    organisationInn: anInn(),
    regionCode: 'RU-NVS',
    loadCap: 10,
    expertise: [],
    ...input,
  };
}

/** A commissioner user added to the programme's commission over the API. */
export async function aMember(
  t: TestApp,
  ministry: TestUser,
  programmeId: string,
  input: { role?: 'chair' | 'member'; organisationInn?: string; regionCode?: string; loadCap?: number; expertise?: string[] } = {},
): Promise<Member> {
  const user = await t.user('commissioner');
  const body = memberBody(user, input);
  const added = await t.http().post(`${API}/programmes/${programmeId}/commission/members`).set(ministry.auth).send(body);
  if (added.status !== 201) throw new Error(`member: ${added.status} ${JSON.stringify(added.body)}`);
  return { id: added.body.id, user, organisationInn: body.organisationInn as string, regionCode: body.regionCode as string };
}

export const runAssignment = (t: TestApp, ministry: TestUser, programmeId: string, body: Record<string, unknown> = { seed: 42 }) =>
  t.http().post(`${API}/programmes/${programmeId}/commission/assignments/run`).set(ministry.auth).send(body);

export async function assignments(t: TestApp, as: TestUser, programmeId: string) {
  const response = await t.http().get(`${API}/programmes/${programmeId}/commission/assignments`).set(as.auth);
  if (response.status !== 200) throw new Error(`assignments: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as {
    items: { id: string; submissionId: string; memberId: string; status: string; origin: string; registrationNumber: string }[];
    total: number;
    loads: Record<string, number>;
  };
}

/** Scores for every criterion of the factory programme (quality, cofinancing). */
export const fullScores = (quality = 4, cofinancing = 4, justification = JUSTIFICATION) => [
  { criterionCode: 'quality', score: quality, justification },
  { criterionCode: 'cofinancing', score: cofinancing, justification },
];

export const saveScores = (t: TestApp, as: TestUser, reviewId: string, scores: unknown[]) =>
  t.http().put(`${API}/reviews/${reviewId}/scores`).set(as.auth).send({ scores });

export const submitReview = (t: TestApp, as: TestUser, reviewId: string) => t.http().post(`${API}/reviews/${reviewId}/submit`).set(as.auth);

/** Saves full scores and submits the review; throws unless both succeed. */
export async function scoreFully(t: TestApp, as: TestUser, reviewId: string, quality = 4, cofinancing = 4, justification = JUSTIFICATION) {
  const saved = await saveScores(t, as, reviewId, fullScores(quality, cofinancing, justification));
  if (saved.status !== 200) throw new Error(`save: ${saved.status} ${JSON.stringify(saved.body)}`);
  const submitted = await submitReview(t, as, reviewId);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
}

/** The error shape every refusal shares, with the code and at least these details. */
export function expectError(response: Response, status: number, code: string, details?: unknown[]) {
  const body = Buffer.isBuffer(response.body) ? JSON.parse(response.body.toString('utf8')) : response.body;
  expect({ status: response.status, code: body.error?.code }).toEqual({ status, code });
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }), requestId: expect.any(String) });
  if (details) expect(body.error.details).toEqual(expect.arrayContaining(details));
}

export const detail = (field: string, rule?: string) => expect.objectContaining(rule ? { field, rule } : { field });
