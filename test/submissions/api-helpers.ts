import type { Response } from 'supertest';
import type { TestApp, TestUser } from '../support/test-app';
import { A_PDF } from '../support/bids';

export const API = '/api/v1';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the database clock has passed `instant` (the clock every deadline is judged by). */
export async function waitUntilPast(t: TestApp, instant: string | Date) {
  const target = new Date(instant).getTime();
  for (;;) {
    const { rows } = await t.db.query('SELECT clock_timestamp() AS now');
    const left = target - (rows[0].now as Date).getTime();
    if (left < 0) return;
    await sleep(Math.min(left + 20, 500));
  }
}

/** A whole second at least `ms` ahead of now, ISO with Z: the deadline for short-window tests. */
export const secondsAhead = (ms: number) => new Date(Math.ceil((Date.now() + ms) / 1000) * 1000).toISOString();

/** Rows everything a submission route could write: the app's main tables and every submissions table. */
export async function snapshot(t: TestApp) {
  const { rows } = await t.db.query(`
    SELECT (SELECT count(*) FROM submissions)::int AS submissions,
           (SELECT count(*) FROM submission_versions)::int AS submission_versions,
           (SELECT count(*) FROM submission_budget_lines)::int AS submission_budget_lines,
           (SELECT count(*) FROM submission_attachments)::int AS submission_attachments,
           (SELECT count(*) FROM eligibility_results)::int AS eligibility_results,
           (SELECT count(*) FROM programme_extensions)::int AS programme_extensions,
           (SELECT coalesce(sum(last_number), 0)::int FROM programme_counters) AS registration_numbers_drawn,
           (SELECT md5(coalesce(string_agg(s::text, '|' ORDER BY id), '')) FROM submissions s) AS submissions_digest,
           (SELECT md5(coalesce(string_agg(l::text, '|' ORDER BY submission_id, year, category, source), '')) FROM submission_budget_lines l) AS lines_digest,
           (SELECT md5(coalesce(string_agg(a::text, '|' ORDER BY id), '')) FROM submission_attachments a) AS attachments_digest`);
  return { ...(await t.counts()), ...rows[0] };
}

/** Runs a request that must be refused and proves nothing at all was written (rows and their contents). */
export async function expectNothingWritten<T>(t: TestApp, action: () => Promise<T>): Promise<T> {
  const before = await snapshot(t);
  const result = await action();
  expect(await snapshot(t)).toEqual(before);
  return result;
}

export const rulesOf = (response: Response): string[] => (response.body.error?.details ?? []).map((d: { rule: string }) => d.rule).sort();
export const detail = (field: string, rule: string) => expect.objectContaining({ field, rule });

/** The error shape every refusal shares, with the code and at least these details. */
export function expectError(response: Response, status: number, code: string, details?: unknown[]) {
  // a binary route's error arrives as a Buffer through the binary parser
  const body = Buffer.isBuffer(response.body) ? JSON.parse(response.body.toString('utf8')) : response.body;
  expect({ status: response.status, code: body.error?.code }).toEqual({ status, code });
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }), requestId: expect.any(String) });
  if (details) expect(body.error.details).toEqual(expect.arrayContaining(details));
}

/** supertest parser that keeps a binary body as a Buffer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function binary(res: any, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** Short request helpers bound to one test app. */
export function routes(t: TestApp) {
  return {
    create: (as: TestUser, programmeId: string, body: Record<string, unknown> = {}) =>
      t.http().post(`${API}/programmes/${programmeId}/submissions`).set(as.auth).send(body),
    list: (as: TestUser, programmeId: string, query = '') =>
      t.http().get(`${API}/programmes/${programmeId}/submissions${query}`).set(as.auth),
    view: (as: TestUser, id: string) => t.http().get(`${API}/submissions/${id}`).set(as.auth),
    patch: (as: TestUser, id: string, body: unknown) =>
      t
        .http()
        .patch(`${API}/submissions/${id}`)
        .set(as.auth)
        .send(body as object),
    check: (as: TestUser, id: string) => t.http().get(`${API}/submissions/${id}/check`).set(as.auth),
    submit: (as: TestUser, id: string) => t.http().post(`${API}/submissions/${id}/submit`).set(as.auth),
    withdraw: (as: TestUser, id: string) => t.http().post(`${API}/submissions/${id}/withdraw`).set(as.auth),
    versions: (as: TestUser, id: string) => t.http().get(`${API}/submissions/${id}/versions`).set(as.auth),
    receipt: (as: TestUser, id: string, version: number) =>
      t.http().get(`${API}/submissions/${id}/versions/${version}/receipt`).set(as.auth),
    upload: (
      as: TestUser,
      id: string,
      body: Buffer | string = A_PDF,
      { kind = 'regional-letter', fileName = 'letter.pdf', type = 'application/pdf' } = {},
    ) =>
      t
        .http()
        .post(`${API}/submissions/${id}/attachments?kind=${encodeURIComponent(kind)}&fileName=${encodeURIComponent(fileName)}`)
        .set(as.auth)
        .set('Content-Type', type)
        .send(body),
    download: (as: TestUser, id: string, attachmentId: string) =>
      t.http().get(`${API}/submissions/${id}/attachments/${attachmentId}`).set(as.auth).buffer(true).parse(binary),
    removeAttachment: (as: TestUser, id: string, attachmentId: string) =>
      t.http().delete(`${API}/submissions/${id}/attachments/${attachmentId}`).set(as.auth),
    setStatus: (as: TestUser, programmeId: string, status: string) =>
      t.http().post(`${API}/programmes/${programmeId}/status`).set(as.auth).send({ status }),
    grantExtension: (as: TestUser, programmeId: string, body: Record<string, unknown>) =>
      t.http().post(`${API}/programmes/${programmeId}/extensions`).set(as.auth).send(body),
  };
}

/** Budget lines from [source, kopecks] pairs, all in 2027 joint R&D unless said. */
export const lines = (...items: [string, bigint | string, number?, string?][]) =>
  items.map(([source, amount, year = 2027, category = 'joint-rnd']) => ({ year, category, source, amountKopecks: `${amount}` }));

export const auditRows = async (t: TestApp, entityId: string, action?: string) =>
  (
    await t.db.query(
      `SELECT action, actor_id, actor_role, before, after FROM audit_log WHERE entity_id = $1 ${action ? 'AND action = $2' : ''} ORDER BY seq`,
      action ? [entityId, action] : [entityId],
    )
  ).rows as {
    action: string;
    actor_id: string | null;
    actor_role: string | null;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }[];
