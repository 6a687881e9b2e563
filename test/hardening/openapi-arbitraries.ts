import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of an OpenAPI 3 schema the generators read. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path template, e.g. /api/v1/submissions/{id}. */
  path: string;
  operationId: string;
  parameters: Parameter[];
  body: Schema | null;
}

export interface OpenApi {
  paths: Record<
    string,
    Record<string, { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema> };
}

export function readOpenApi(): OpenApi {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));
}

export function operationsOf(spec: OpenApi): Operation[] {
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method as Operation['method'],
      path,
      operationId: op.operationId,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema ?? null,
    })),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Value classes
// ---------------------------------------------------------------------------------------------------------------

export const LONG_ASCII = 'x'.repeat(100_000);
const LONG_CYRILLIC = 'я'.repeat(100_000);
const LONG_EMOJI = '😀'.repeat(50_000);

/** Strings that have broken parsers, validators, databases and PDF renderers elsewhere. */
export const ODD_STRINGS: string[] = [
  '',
  ' ',
  '  padded  ',
  '\t\r\n',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '\u200f\u202eRTL override fdp.exe',
  '\u2066isolate\u2069',
  'مرحبا بالعالم',
  'Фармацевтика «кластер» — тест',
  '👩‍👩‍👧‍👦🇷🇺🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301\u0301',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '\ud800',
  'x\udc00y',
  '\ud83d',
  '\ufeffBOM',
  '\uffff\ufffe',
  '\u2028\u2029',
  '\u0085',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%s%n%x',
  '\\',
  '%00',
  '\u212Aelvin',
  LONG_ASCII,
  LONG_CYRILLIC,
  LONG_EMOJI,
];

export const ODD_NUMBERS: number[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  0.1 + 0.2,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  1e21,
  1e308,
  -1e308,
  5e-324,
];

/** Money as the API takes it (integer or integer string), and everything that only looks like it. */
const KOPECKS: unknown[] = [
  '0',
  '1',
  '100000000',
  '250000000000',
  '-1',
  '-0',
  '1.5',
  '1.0',
  '0.01',
  '01',
  '+1',
  ' 1',
  '1 ',
  '1e3',
  '0x10',
  '1_000',
  '9'.repeat(19),
  '9223372036854775807',
  '9223372036854775808',
  '9'.repeat(40),
  '١٢٣',
  '１２３',
  '',
  1,
  1000,
  -1,
  1.5,
  -0.01,
  2 ** 53 + 2,
  1e21,
  1e308,
];

const INSTANTS: unknown[] = [
  new Date(Date.now() + 86400_000).toISOString(),
  new Date(Date.now() - 86400_000).toISOString(),
  '2026-12-01T09:00:00+03:00',
  '2026-12-01T09:00:00',
  '2026-12-01',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-12-01T24:00:00Z',
  '2026-12-01T09:00:00+25:00',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1900-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '+294277-01-01T00:00:00Z',
  '1970-01-01T00:00:00.000000001Z',
  'now',
  'tomorrow',
  '',
  1_700_000_000_000,
  -1,
];

const EMAILS: unknown[] = [
  'user@example.org',
  'USER@EXAMPLE.ORG',
  ' user@example.org ',
  'a@b',
  'not-an-email',
  '@example.org',
  'тест@пример.рф',
  `${'a'.repeat(64)}@${'b'.repeat(185)}.org`,
  `${'a'.repeat(300)}@example.org`,
  'x@y.z\n',
  'admin@konkurs.local',
];

const UUID_LIKE: string[] = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{12345678-1234-1234-1234-123456789abc}',
  '12345678123412341234123456789abc',
  '12345678-1234-1234-1234-123456789abcd',
  'not-a-uuid',
  '1',
];

/** Anything at all: what a confused or hostile client sends where a field is expected. */
export function anyJson(depth = 2): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(...ODD_NUMBERS),
    fc.constantFrom(...ODD_STRINGS),
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
  );
  if (depth <= 0) return leaf;
  return fc.oneof(
    { weight: 5, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(anyJson(depth - 1), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), anyJson(depth - 1), { maxKeys: 4 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(JSON.parse('{"__proto__":{"admin":true}}'), { constructor: { prototype: { admin: true } } }, [
        [[[[]]]],
      ]),
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Schema → arbitraries
// ---------------------------------------------------------------------------------------------------------------

export interface GeneratorContext {
  spec: OpenApi;
  /** Real ids of every kind, for uuid-formatted fields. */
  realIds: string[];
  /** Real enum-like codes that appear in the world (criterion codes, attachment kinds, ...). */
  realCodes: string[];
}

export function resolve(spec: OpenApi, schema: Schema): Schema {
  let current = schema;
  for (let i = 0; i < 10 && current.$ref; i++) current = spec.components.schemas[current.$ref.replace('#/components/schemas/', '')];
  if (current.allOf?.length) return resolve(spec, current.allOf[0]);
  if (current.oneOf?.length) return resolve(spec, current.oneOf[0]);
  if (current.anyOf?.length) return resolve(spec, current.anyOf[0]);
  return current;
}

const lengthBoundaries = (schema: Schema): string[] => {
  const out: string[] = [];
  if (schema.minLength !== undefined) {
    out.push('ж'.repeat(schema.minLength));
    if (schema.minLength > 0) out.push('ж'.repeat(schema.minLength - 1));
  }
  if (schema.maxLength !== undefined && schema.maxLength <= 300_000) {
    out.push('ж'.repeat(schema.maxLength), 'ж'.repeat(schema.maxLength + 1), '😀'.repeat(schema.maxLength));
  }
  return out;
};

/** The valid-looking part of a string field: enum members, pattern matches, real codes, sized text. */
function plausibleString(name: string, schema: Schema, ctx: GeneratorContext): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (/kopecks$/i.test(name)) return fc.oneof(fc.constantFrom(...KOPECKS), fc.bigInt({ min: 0n, max: 10n ** 13n }).map(String));
  if (/At$/.test(name))
    return fc.oneof(
      fc.constantFrom(...INSTANTS),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
  if (schema.format === 'email') return fc.oneof(fc.constantFrom(...EMAILS), fc.emailAddress());
  if (schema.format === 'uuid' || /Id$/.test(name))
    return fc.oneof(fc.constantFrom(...ctx.realIds), fc.uuid(), fc.constantFrom(...UUID_LIKE));
  if (/inn$/i.test(name)) return fc.constantFrom('7017000000', '7701234567', '770123456789', '0000000000', '123', 'abcdefghij');
  if (/ogrn$/i.test(name)) return fc.constantFrom('1027700132195', '1027700132196', '304500116000157', '1'.repeat(13));
  if (schema.pattern) {
    let pattern: RegExp | null = null;
    try {
      pattern = new RegExp(schema.pattern);
    } catch {
      pattern = null;
    }
    const matching = pattern ? fc.stringMatching(pattern, { size: 'xsmall' }) : fc.string();
    return fc.oneof(matching, fc.constantFrom(...(ctx.realCodes.length ? ctx.realCodes : ['x'])));
  }
  if (/code$/i.test(name)) return fc.constantFrom(...(ctx.realCodes.length ? ctx.realCodes : ['x']));
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 60, 60);
  return fc.oneof(
    fc.string({ minLength: min, maxLength: Math.max(min, max) }),
    fc.constant('Обоснование: программа развития кластера проработана, бюджет реалистичен и подтверждён письмами.'),
    ...(lengthBoundaries(schema).length ? [fc.constantFrom(...lengthBoundaries(schema))] : []),
  );
}

function plausibleNumber(schema: Schema): fc.Arbitrary<unknown> {
  const min = schema.minimum ?? -1e6;
  const max = schema.maximum ?? 1e6;
  const boundaries = [min, max, min - 1, max + 1, min - 0.5, max + 0.5, (min + max) / 2];
  return fc.oneof(
    fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) }),
    fc.constantFrom(...boundaries),
    fc.double({ min, max, noNaN: true }),
  );
}

/** Wrong in kind: a number as a string, a string as a number, and the other classic type confusions. */
function wrongKind(schema: Schema): fc.Arbitrary<unknown> {
  switch (schema.type) {
    case 'number':
    case 'integer':
      return fc.constantFrom('1', '1.5', '-1', '', ' 1', '1e3', true, [1], { value: 1 });
    case 'string':
      return fc.constantFrom(1, -1, 1.5, 0, true, ['x'], { value: 'x' });
    case 'boolean':
      return fc.constantFrom('true', 'false', 1, 0, 'yes', [true]);
    case 'array':
      return fc.constantFrom('[]', 'a,b', 1, { 0: 'x' }, {});
    default:
      return fc.constantFrom('{}', 1, true, [], [{}]);
  }
}

/** Valid-looking, boundary and invalid values for one field, weighted towards the plausible. */
export function valueFor(name: string, input: Schema, ctx: GeneratorContext, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(ctx.spec, input);
  const hostile = fc.oneof(
    { weight: 3, arbitrary: wrongKind(schema) },
    { weight: 2, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: anyJson(1) },
  );
  return fc.oneof({ weight: 6, arbitrary: plausible(name, schema, ctx, depth) }, { weight: 2, arbitrary: hostile });
}

function plausible(name: string, schema: Schema, ctx: GeneratorContext, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum && schema.type !== 'array')
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, fc.constantFrom(...ODD_STRINGS));
  switch (schema.type) {
    case 'string':
      return fc.oneof(
        { weight: 5, arbitrary: plausibleString(name, schema, ctx) },
        { weight: 1, arbitrary: fc.constantFrom(...ODD_STRINGS) },
      );
    case 'number':
    case 'integer':
      return fc.oneof({ weight: 5, arbitrary: plausibleNumber(schema) }, { weight: 1, arbitrary: fc.constantFrom(...ODD_NUMBERS) });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = schema.items ? valueFor(name, schema.items, ctx, depth + 1) : anyJson(1);
      const maxItems = schema.maxItems ?? 10;
      const arrays = [fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(maxItems, 4) })];
      // one more than allowed, built from a valid-looking item
      if (depth < 2 && maxItems <= 2000) arrays.push(items.map((item) => Array.from({ length: maxItems + 1 }, () => item)));
      return fc.oneof({ weight: 6, arbitrary: arrays[0] }, ...arrays.slice(1).map((arbitrary) => ({ weight: 1, arbitrary })));
    }
    default:
      return objectFor(schema, ctx, depth);
  }
}

/** An object of the schema: every property optional except the required ones, then maybe bent out of shape. */
export function objectFor(input: Schema, ctx: GeneratorContext, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(ctx.spec, input);
  if (depth > 4) return fc.constant({});
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const values = valueFor('value', schema.additionalProperties, ctx, depth + 1);
    return fc.oneof(
      fc.dictionary(fc.oneof(fc.constantFrom(...(ctx.realCodes.length ? ctx.realCodes : ['x'])), fc.string({ maxLength: 40 })), values, {
        maxKeys: 4,
      }),
      fc.constantFrom({ '': 'x' }, { ['k'.repeat(1000)]: 'x' }, Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`s${i}`, 'x']))),
    );
  }
  const properties = Object.entries(schema.properties ?? {});
  const record = fc.record(Object.fromEntries(properties.map(([key, value]) => [key, valueFor(key, value, ctx, depth + 1)])), {
    requiredKeys: (schema.required ?? []).filter((key) => schema.properties?.[key]),
  }) as fc.Arbitrary<Record<string, unknown>>;
  return fc.oneof({ weight: 8, arbitrary: record }, { weight: 2, arbitrary: bend(record, schema) });
}

/** Mutations of a whole object: a required field gone, an unknown field added, the object replaced or wrapped. */
export function bend(record: fc.Arbitrary<Record<string, unknown>>, schema: Schema): fc.Arbitrary<unknown> {
  const required = schema.required ?? [];
  return fc.oneof(
    required.length
      ? fc.tuple(record, fc.constantFrom(...required)).map(([value, key]) => {
          const copy = { ...value };
          delete copy[key];
          return copy;
        })
      : record,
    fc
      .tuple(record, fc.constantFrom('extra', 'isAdmin', 'role', 'id', 'clusterId', 'status', '__proto__', 'constructor'), anyJson(1))
      .map(([value, key, extra]) => {
        const copy: Record<string, unknown> = { ...value };
        Object.defineProperty(copy, key, { value: extra, enumerable: true, writable: true, configurable: true });
        return copy;
      }),
    record.map((value) => Object.fromEntries(Object.keys(value).map((key) => [key, null]))),
    record.map((value) => [value]),
    fc.constantFrom<unknown>(null, [], {}, 'text', 42, true),
  );
}

export { KOPECKS, INSTANTS, EMAILS, UUID_LIKE };
