import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { A_PDF } from '../support/bids';
import { examples } from './examples';
import {
  anyJson,
  bend,
  type GeneratorContext,
  LONG_ASCII,
  ODD_STRINGS,
  objectFor,
  type Operation,
  resolve,
  type Schema,
  UUID_LIKE,
  valueFor,
} from './openapi-arbitraries';
import type { World } from './world';

/** Requests for one operation of the API description: what the fuzzer sends, derived from the schemas and the world. */

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string; data: string | Buffer; headers?: Record<string, string> };

export interface FuzzRequest {
  /** Already percent-encoded path segments by parameter name. */
  path: Record<string, string>;
  /** Already percent-encoded query pairs. */
  query: [string, string][];
  body: Body;
  headers: Record<string, string>;
  /** Sent instead of no Authorization header when the caller is anonymous. */
  anonymousAuthorization: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Encoding: lone surrogates cannot go through encodeURIComponent; raw invalid escapes are sent as they are.
// ---------------------------------------------------------------------------------------------------------------

const UNRESERVED = /[A-Za-z0-9\-._~]/;
export function encode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
/** Escapes that are malformed or decode to invalid UTF-8: sent verbatim. */
const RAW_ESCAPES = ['%', '%zz', '%ff', '%c0%af', '%ed%a0%80', '%00', '%2e%2e', '%2f', '..', '.'];

// ---------------------------------------------------------------------------------------------------------------
// Generators bound to the world
// ---------------------------------------------------------------------------------------------------------------

const MALFORMED_JSON = [
  '',
  '{',
  '}',
  '{"a":}',
  "{'a':1}",
  '[1,]',
  'NaN',
  'undefined',
  '{"a":1}garbage',
  '{"a":1}{"b":2}',
  '"\\ud800"',
  '\u0000',
  '1e999',
  '{"a":1e999}',
  '\ufeff{}',
  '{"status":"open","status":"archived"}',
  '['.repeat(5000),
  `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
];
const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/pdf',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=nonsense',
  'application/vnd.api+json',
  'application/merge-patch+json',
  '*/*',
  'APPLICATION/JSON',
  'application/json, text/plain',
];
const CONTENT_ENCODINGS = ['gzip', 'deflate', 'br', 'x-made-up', 'identity'];
const BAD_AUTHORIZATION = [
  'Bearer',
  'Bearer ',
  'Bearer x',
  'Basic dXNlcjpwYXNz',
  `Bearer ${'a'.repeat(64)}`,
  `Bearer ${'a'.repeat(5000)}`,
  'bearer   abcdefghijklmnopqrstuvwxyz',
  `Token ${randomUUID()}`,
];

/** Real path ids by parameter: the right kind of object first, then any object, random UUIDs and non-UUIDs. */
export function poolFor(op: Operation, name: string, pools: Record<string, string[]>): string[] {
  const segment = op.path.split('/').at(op.path.split('/').indexOf(`{${name}}`) - 1) ?? '';
  const byName: Record<string, string> = {
    programmeId: 'programme',
    submissionId: 'submission',
    memberId: 'member',
    runId: 'run',
    appealId: 'appeal',
    issueId: 'issue',
    attachmentId: 'attachment',
  };
  const bySegment: Record<string, string> = {
    users: 'user',
    clusters: 'cluster',
    programmes: 'programme',
    submissions: 'submission',
    reviews: 'review',
  };
  return pools[byName[name] ?? bySegment[segment] ?? ''] ?? [];
}

function pathValue(op: Operation, name: string, world: World, pools: Record<string, string[]>): fc.Arbitrary<string> {
  const everything = Object.values(pools).flat();
  const odd = fc.oneof(
    fc.constantFrom(...UUID_LIKE.map(encode)),
    fc.constantFrom(...RAW_ESCAPES),
    fc.constantFrom(...ODD_STRINGS.filter((s) => s.length > 0 && s.length < 2000).map(encode)),
    fc.constant(LONG_ASCII.slice(0, 5000)),
    fc.constant(LONG_ASCII),
  );
  if (name === 'version') {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('1', '2') },
      { weight: 2, arbitrary: fc.constantFrom('0', '-1', '1.5', '01', '1e1', '999999999', '9999999999', '2147483648', 'abc') },
      { weight: 1, arbitrary: odd },
    );
  }
  if (name === 'code') {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(encode(world.published.verificationCode)) },
      { weight: 2, arbitrary: fc.string({ maxLength: 20 }).map(encode) },
      { weight: 1, arbitrary: odd },
    );
  }
  const own = poolFor(op, name, pools);
  return fc.oneof(
    { weight: 5, arbitrary: own.length ? fc.constantFrom(...own) : fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...everything) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...everything).map((id) => id.toUpperCase()) },
    { weight: 2, arbitrary: odd },
  );
}

function queryPairs(op: Operation, ctx: GeneratorContext): fc.Arbitrary<[string, string][]> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const one = (name: string, schema: Schema, required: boolean) => {
    const plain = valueFor(name, schema, ctx).map((v) =>
      v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
    );
    const shapes = fc.oneof(
      { weight: 6, arbitrary: plain.map((v): [string, string][] => [[name, encode(v)]]) },
      {
        weight: 1,
        arbitrary: fc.tuple(plain, plain).map(([a, b]): [string, string][] => [
          [name, encode(a)],
          [name, encode(b)],
        ]),
      },
      { weight: 1, arbitrary: plain.map((v): [string, string][] => [[`${name}[x]`, encode(v)]]) },
      { weight: 1, arbitrary: plain.map((v): [string, string][] => [[`${name}[]`, encode(v)]]) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES).map((v): [string, string][] => [[name, v]]) },
    );
    return required
      ? fc.oneof({ weight: 8, arbitrary: shapes }, { weight: 1, arbitrary: fc.constant([]) })
      : fc.option(shapes, { nil: [] as [string, string][] });
  };
  const extras = fc.oneof(
    { weight: 6, arbitrary: fc.constant([] as [string, string][]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('unknown', '__proto__[x]', 'constructor[prototype][x]', 'page', 'pageSize', 'lang', ''), anyJson(0))
        .map(([k, v]): [string, string][] => [[k, encode(String(v))]]),
    },
    { weight: 1, arbitrary: fc.constant([['long', LONG_ASCII.slice(0, 12_000)]] as [string, string][]) },
  );
  return fc
    .tuple(fc.tuple(...params.map((p) => one(p.name, p.schema, Boolean(p.required)))), extras)
    .map(([lists, extra]) => [...lists.flat(), ...extra]);
}

function bodyFor(op: Operation, ctx: GeneratorContext, world: World): fc.Arbitrary<Body> {
  const malformed = fc.constantFrom(...MALFORMED_JSON).map((data): Body => ({ kind: 'raw', contentType: 'application/json', data }));
  if (op.operationId === 'SubmissionDocuments_upload') {
    const pdfs = fc.constantFrom<string | Buffer>(
      A_PDF,
      Buffer.concat([A_PDF, Buffer.from('trailing garbage \u0000\u00ff')]),
      Buffer.from('%PDF-'),
      Buffer.from('%PDF'),
      Buffer.alloc(0),
      Buffer.from('{"json":"not a pdf"}'),
      Buffer.from(ODD_STRINGS.join('')),
    );
    return fc
      .oneof(
        { weight: 6, arbitrary: fc.tuple(pdfs, fc.constantFrom('application/pdf', 'APPLICATION/PDF; charset=binary')) },
        {
          weight: 2,
          arbitrary: fc.tuple(
            fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
            fc.constantFrom('application/pdf'),
          ),
        },
        { weight: 2, arbitrary: fc.tuple(pdfs, fc.constantFrom(...WRONG_CONTENT_TYPES, 'application/json')) },
      )
      .map(([data, contentType]): Body => ({ kind: 'raw', contentType, data }));
  }
  if (!op.body) {
    // a body where none is expected, now and then
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant<Body>({ kind: 'none' }) },
      { weight: 1, arbitrary: anyJson(2).map((value): Body => ({ kind: 'json', value })) },
      { weight: 1, arbitrary: malformed },
    );
  }
  const schema = resolve(ctx.spec, op.body);
  const name = op.body.$ref?.replace('#/components/schemas/', '') ?? '';
  const example = examples(world)[name];
  const generated = objectFor(schema, ctx);
  const bentExample = example
    ? fc.tuple(fc.constantFrom(...Object.keys(schema.properties ?? { x: {} })), fc.nat()).chain(([key]) =>
        valueFor(key, schema.properties?.[key] ?? {}, ctx).map((value) => {
          const body = example();
          if (value === undefined) delete body[key];
          else body[key] = value;
          return body;
        }),
      )
    : generated;
  const json = fc.oneof(
    { weight: 4, arbitrary: bentExample },
    { weight: 1, arbitrary: example ? fc.constant(null).map(() => example()) : generated },
    { weight: 3, arbitrary: generated },
    {
      weight: 1,
      arbitrary: bend(
        fc.constant(null).map(() => (example ? example() : {})),
        schema,
      ),
    },
  );
  return fc.oneof(
    { weight: 14, arbitrary: json.map((value): Body => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: malformed },
    {
      weight: 2,
      arbitrary: fc
        .tuple(json, fc.constantFrom(...WRONG_CONTENT_TYPES))
        .map(([value, contentType]): Body => ({ kind: 'raw', contentType, data: JSON.stringify(value) ?? 'null' })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(json, fc.constantFrom(...CONTENT_ENCODINGS)).map(([value, encoding]): Body => ({
        kind: 'raw',
        contentType: 'application/json',
        data: JSON.stringify(value) ?? 'null',
        headers: { 'Content-Encoding': encoding },
      })),
    },
  );
}

/** A query value the route should accept: an enum member, a number in range, a real id, a real code. */
function validQueryValue(op: Operation, name: string, schema: Schema, ctx: GeneratorContext, pools: Record<string, string[]>) {
  const resolved = resolve(ctx.spec, schema);
  if (resolved.enum) return fc.constantFrom(...resolved.enum.map(String));
  if (resolved.type === 'number' || resolved.type === 'integer') {
    return fc.integer({ min: Math.max(resolved.minimum ?? 1, 1), max: Math.min(resolved.maximum ?? 100, 100) }).map(String);
  }
  if (/allocation-runs/.test(op.path) && (name === 'a' || name === 'b')) return fc.constantFrom(...pools.run);
  if (resolved.format === 'uuid' || /Id$/.test(name)) return fc.constantFrom(...ctx.realIds);
  if (name === 'kind') return fc.constant('regional-letter');
  return fc.constantFrom(...ctx.realCodes, 'letter.pdf');
}

/**
 * Three kinds of request, so that fuzzing reaches the rules behind validation as well as the edge: a valid one
 * (right kind of real ids, an example body), one with exactly one part bent, and one with every part random.
 */
export function requestFor(op: Operation, ctx: GeneratorContext, world: World, pools: Record<string, string[]>): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const validPath = fc.record(
    Object.fromEntries(
      pathParams.map((p) => {
        const own = p.name === 'version' ? ['1'] : p.name === 'code' ? [world.published.verificationCode] : poolFor(op, p.name, pools);
        return [p.name, own.length ? fc.constantFrom(...own.map(encode)) : fc.uuid()];
      }),
    ),
  );
  const validQuery = fc
    .tuple(
      ...queryParams.map((p) =>
        p.required || op.operationId === 'SubmissionDocuments_upload'
          ? validQueryValue(op, p.name, p.schema, ctx, pools).map((v): [string, string][] => [[p.name, encode(v)]])
          : fc.option(
              validQueryValue(op, p.name, p.schema, ctx, pools).map((v): [string, string][] => [[p.name, encode(v)]]),
              { nil: [] as [string, string][] },
            ),
      ),
    )
    .map((lists) => lists.flat());
  const name = op.body?.$ref?.replace('#/components/schemas/', '') ?? '';
  const example = examples(world)[name];
  const validBody: fc.Arbitrary<Body> =
    op.operationId === 'SubmissionDocuments_upload'
      ? fc.constant({ kind: 'raw', contentType: 'application/pdf', data: A_PDF })
      : !op.body
        ? fc.constant({ kind: 'none' })
        : example
          ? fc.constant(null).map((): Body => ({ kind: 'json', value: example() }))
          : objectFor(resolve(ctx.spec, op.body), ctx).map((value): Body => ({ kind: 'json', value }));
  const anyPath = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathValue(op, p.name, world, pools)])));
  const anyQuery = queryPairs(op, ctx);
  const anyBody = bodyFor(op, ctx, world);
  const anyHeaders = fc.oneof(
    { weight: 8, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...ODD_STRINGS.slice(0, 30)).map((id) => ({ 'X-Request-Id': id.replace(/[^\x20-\x7e]/g, '?') })),
    },
    { weight: 1, arbitrary: fc.constantFrom({ Accept: 'application/xml' }, { Accept: '*/*;q=0' }, { 'Accept-Language': 'xx' }) },
  );
  const anyAuthorization = fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_AUTHORIZATION) },
  );
  const build = (path: fc.Arbitrary<Record<string, string>>, query: fc.Arbitrary<[string, string][]>, body: fc.Arbitrary<Body>) =>
    fc.record({ path, query, body, headers: fc.constant({}), anonymousAuthorization: fc.constant(null) }) as fc.Arbitrary<FuzzRequest>;
  const parts = ['body', 'path', 'query'].filter((part) =>
    part === 'path'
      ? pathParams.length
      : part === 'query'
        ? queryParams.length
        : op.body || op.operationId === 'SubmissionDocuments_upload',
  );
  return fc.oneof(
    { weight: 2, arbitrary: build(validPath, validQuery, validBody) },
    {
      weight: 4,
      arbitrary: parts.length
        ? fc
            .constantFrom(...parts)
            .chain((part) =>
              build(part === 'path' ? anyPath : validPath, part === 'query' ? anyQuery : validQuery, part === 'body' ? anyBody : validBody),
            )
        : build(validPath, anyQuery, anyBody),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        path: anyPath,
        query: anyQuery,
        body: anyBody,
        headers: anyHeaders,
        anonymousAuthorization: anyAuthorization,
      }),
    },
  ) as fc.Arbitrary<FuzzRequest>;
}
