import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ROLES, type Role } from '../../src/common/access/access.decorators';
import { DECISIONS_QUEUE } from '../../src/decisions/decisions.service';
import { A_PDF } from '../support/bids';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';
import { errorShapeProblems } from './error-shape';
import { type Body, encode, type FuzzRequest, poolFor, requestFor } from './fuzz-requests';
import { type GeneratorContext, type Operation, operationsOf, readOpenApi } from './openapi-arbitraries';
import { changedTables, digester } from './snapshot';
import { buildWorld, idPools, type World } from './world';

/**
 * Fuzzes every operation of the committed API description (openapi.json) with requests derived from its schemas,
 * sent as an anonymous caller and as each role against realistic state. Properties: never a 5xx, never a hang,
 * every 4xx in the single error shape, and a refused request leaves every table of the database as it was.
 *
 * FUZZ_RUNS=200 npx jest test/hardening/fuzz.test.ts runs it much longer (FUZZ_SEED=… replays a run).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const REQUEST_TIMEOUT = { response: 10_000, deadline: 20_000 };

const spec = readOpenApi();
const RISK = (op: Operation) => {
  if (/\/status$|\/logout$|revoke|\/password$/.test(op.path)) return 3;
  if (op.method === 'delete') return 2;
  return op.method === 'get' ? 0 : 1;
};
/** Reads first, then writes, deletions and session-ending routes last, so fuzzing disturbs the state least. */
const operations = operationsOf(spec).sort((a, b) => RISK(a) - RISK(b));

type Caller = 'anonymous' | Role;
const CALLERS: Caller[] = ['anonymous', ...ROLES];

const stats = {
  requests: 0,
  byStatus: new Map<number, number>(),
  byCaller: new Map<string, number>(),
  byOperation: new Map<string, Map<number, number>>(),
};
const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/** Failed sign-ins are counted on purpose (rate limit): the only rows a refused request may write. */
const MAY_COUNT_ATTEMPTS = new Set(['Auth_login', 'Auth_changePassword']);

function describeRequest(op: Operation, caller: Caller, url: string, body: Body) {
  const shown =
    body.kind === 'none'
      ? ''
      : body.kind === 'json'
        ? JSON.stringify(body.value)
        : `(${body.contentType}) ${Buffer.isBuffer(body.data) ? `<${body.data.length} bytes>` : body.data}`;
  return `${op.method.toUpperCase()} ${url.slice(0, 400)} as ${caller}${shown ? `\n  body: ${(shown ?? '').slice(0, 600)}` : ''}`;
}

describe('fuzzing every operation of openapi.json', () => {
  let t: TestApp;
  let world: World;
  let pools: Record<string, string[]>;
  let ctx: GeneratorContext;
  let digest: Record<string, string>;
  const tokens = new Map<Caller, TestUser | null>();

  let takeSnapshot: () => Promise<Record<string, string>>;

  beforeAll(async () => {
    // The fuzzer sends many wrong passwords from one address: lift the sign-in limit so callers can sign in again.
    t = await createTestApp({ loginMaxFailuresPerIp: 1_000_000, loginMaxFailuresPerEmail: 1_000_000 });
    world = await buildWorld(t);
    pools = idPools(world);
    ctx = {
      spec,
      realIds: Object.values(pools).flat(),
      realCodes: ['quality', 'cofinancing', 'so', 'regional-letter', 'programme', 'joint-rnd', 'RU-TOM', world.published.verificationCode],
    };
    tokens.set('anonymous', null);
    tokens.set('ministry', world.ministry);
    tokens.set('auditor', world.auditor);
    tokens.set('commissioner', world.commissioner);
    tokens.set('applicant', world.applicantA);
    takeSnapshot = await digester(t);
    digest = await takeSnapshot();
  }, 300_000);

  afterAll(async () => {
    const histogram = [...stats.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
    const lines = [
      `fuzz summary: ${stats.byOperation.size} operations × ${CALLERS.length} callers, ${stats.requests} requests (FUZZ_RUNS=${RUNS})`,
      `  statuses: ${histogram.join(', ')}`,
      `  callers: ${[...stats.byCaller.entries()].map(([c, n]) => `${c} ${n}`).join(', ')}`,
      ...[...stats.byOperation.entries()].map(
        ([op, byStatus]) =>
          `  ${op.padEnd(70)} ${[...byStatus.entries()]
            .sort(([a], [b]) => a - b)
            .map(([s, n]) => `${s}×${n}`)
            .join(' ')}`,
      ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    await t?.close();
  });

  /** Signs a caller in again when a request ended its session (logout), so later requests keep their role. */
  async function keepSignedIn(caller: Caller) {
    const user = tokens.get(caller);
    if (!user) return;
    const me = await t.http().get('/api/v1/auth/me').set(user.auth);
    if (me.status === 200) return;
    const token = await t.login(user.email);
    tokens.set(caller, { ...user, token, auth: { Authorization: `Bearer ${token}` } });
  }

  /** Decision letters an accepted request queued are written in the background: let them land before the next digest. */
  async function untilDecisionJobsIdle() {
    for (let attempt = 0; attempt < 300; attempt++) {
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`,
        [DECISIONS_QUEUE],
      );
      if (rows[0].n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function send(op: Operation, request: FuzzRequest, caller: Caller) {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => request.path[name]);
    const query = request.query.map(([k, v]) => `${encode(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${v}`).join('&');
    const url = query ? `${path}?${query}` : path;
    let call = t.http()[op.method](url).timeout(REQUEST_TIMEOUT).buffer(true).parse(binaryParser);
    const user = tokens.get(caller);
    if (user) call = call.set(user.auth);
    else if (request.anonymousAuthorization) call = call.set('Authorization', request.anonymousAuthorization);
    for (const [name, value] of Object.entries(request.headers)) call = call.set(name, value);
    const body = request.body;
    if (body.kind === 'json' && body.value !== undefined)
      call = call.set('Content-Type', 'application/json').send(JSON.stringify(body.value));
    if (body.kind === 'raw') {
      for (const [name, value] of Object.entries(body.headers ?? {})) call = call.set(name, value);
      call = call.set('Content-Type', body.contentType).send(body.data);
    }
    let response: Response;
    try {
      response = await call;
    } catch (error) {
      throw new Error(`no answer (${String(error)}): ${describeRequest(op, caller, url, body)}`);
    }
    return { response, url };
  }

  async function check(op: Operation, request: FuzzRequest, callers: Caller[] = CALLERS) {
    for (const caller of callers) {
      const { response, url } = await send(op, request, caller);
      const status = response.status;
      stats.requests++;
      bump(stats.byStatus, status);
      bump(stats.byCaller, caller);
      const key = `${op.method.toUpperCase()} ${op.path}`;
      if (!stats.byOperation.has(key)) stats.byOperation.set(key, new Map());
      bump(stats.byOperation.get(key)!, status);

      const text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : String(response.text ?? '');
      const where = describeRequest(op, caller, url, request.body);
      if (status >= 500) throw new Error(`${status} ${text.slice(0, 300)}\n  ${where}`);
      const after = await takeSnapshot();
      if (status >= 400) {
        const problems = errorShapeProblems(response, text);
        if (problems.length) throw new Error(`${status} in the wrong shape: ${problems.join('; ')}\n  ${where}`);
        const changed = changedTables(digest, after);
        const unexpected = changed.filter((table) => !(table === 'login_attempts' && MAY_COUNT_ATTEMPTS.has(op.operationId)));
        if (unexpected.length) throw new Error(`${status} but the database changed (${unexpected.join(', ')})\n  ${where}`);
      }
      digest = after;
      if (status < 300 && /^\/api\/v1\/(auth|users)\//.test(op.path)) {
        await keepSignedIn(caller);
        digest = await takeSnapshot();
      }
      if (status < 300 && op.method !== 'get' && op.path.includes('/decisions/')) {
        await untilDecisionJobsIdle();
        digest = await takeSnapshot();
      }
    }
  }

  it.each(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))('%s', async (_name, op) => {
    const arbitrary = requestFor(op, ctx, world, pools);
    const outcome = await fc.check(
      fc.asyncProperty(arbitrary, (request) => check(op, request)),
      { numRuns: RUNS, seed: SEED, endOnFailure: process.env.FUZZ_SHRINK !== '1' },
    );
    // The counterexample can hold 100k-character strings: report the request as described by the check instead.
    if (outcome.failed) {
      const cause = outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance);
      throw new Error(`${cause}\n  (seed ${outcome.seed}, path ${outcome.counterexamplePath}; FUZZ_SEED=${outcome.seed} replays it)`);
    }
  });

  it('answers several-MB bodies on every operation (JSON: 413; other types: before reading them) and writes nothing', async () => {
    const hugeJson = JSON.stringify({ title: 'ж'.repeat(3 * 1024 * 1024) });
    const hugePdf = Buffer.concat([A_PDF, Buffer.alloc(4 * 1024 * 1024, 0x20)]);
    const hugeText = 'x'.repeat(4 * 1024 * 1024);
    for (const op of operations.filter((o) => o.method !== 'get')) {
      for (const body of [
        { kind: 'raw', contentType: 'application/json', data: hugeJson },
        { kind: 'raw', contentType: 'application/pdf', data: hugePdf },
        { kind: 'raw', contentType: 'text/plain', data: hugeText },
      ] satisfies Body[]) {
        const request: FuzzRequest = {
          path: Object.fromEntries(
            op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, poolFor(op, p.name, pools)[0] ?? randomUUID()]),
          ),
          query: op.operationId === 'SubmissionDocuments_upload' ? [['kind', 'regional-letter']] : [],
          body,
          headers: {},
          anonymousAuthorization: null,
        };
        // Refused or read before any rule: one anonymous and one signed-in caller are enough.
        await check(op, request, ['anonymous', 'ministry']);
      }
    }
  });
});

// supertest parser that keeps every body as a Buffer (JSON errors are parsed by the checks themselves).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function binaryParser(res: any, callback: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}
