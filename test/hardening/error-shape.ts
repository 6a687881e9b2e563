import type { Response } from 'supertest';

/** Internals that must never reach a client: SQL, ORM errors, stack frames, source paths. */
export const LEAKS =
  /QueryFailedError|TypeORMError|EntityNotFound|node_modules|\.ts:\d+|\bat [\w.<>]+ \(|SELECT .* FROM|INSERT INTO|UPDATE \w+ SET|violates .* constraint|duplicate key|syntax error at/i;

/** What is wrong with a 4xx answer against `{ error: { code, message, details? }, requestId }` (empty: nothing). */
export function errorShapeProblems(response: Response, text: string): string[] {
  const problems: string[] = [];
  if (!/^application\/json/.test(response.headers['content-type'] ?? '')) problems.push(`content-type ${response.headers['content-type']}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `body is not JSON: ${text.slice(0, 200)}`];
  }
  const b = body as { error?: Record<string, unknown>; requestId?: unknown };
  if (!b || typeof b !== 'object' || Array.isArray(b)) return [...problems, 'body is not an object'];
  if (Object.keys(b).sort().join() !== 'error,requestId') problems.push(`top-level keys ${Object.keys(b).join()}`);
  if (typeof b.requestId !== 'string' || !b.requestId) problems.push('requestId missing');
  else if (response.headers['x-request-id'] !== b.requestId) problems.push('requestId differs from X-Request-Id');
  const error = b.error;
  if (!error || typeof error !== 'object') return [...problems, 'error missing'];
  const keys = Object.keys(error);
  if (keys.some((k) => !['code', 'message', 'details'].includes(k))) problems.push(`error keys ${keys.join()}`);
  if (typeof error.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(error.code)) problems.push(`code ${JSON.stringify(error.code)}`);
  if (typeof error.message !== 'string' || !error.message) problems.push('message missing');
  if ('details' in error) {
    const details = error.details as unknown[];
    if (!Array.isArray(details)) problems.push('details is not an array');
    else
      for (const d of details) {
        const detail = d as Record<string, unknown>;
        if (
          !detail ||
          Object.keys(detail).sort().join() !== 'field,message,rule' ||
          !['field', 'rule', 'message'].every((k) => typeof detail[k] === 'string')
        )
          problems.push(`detail ${JSON.stringify(d).slice(0, 200)}`);
      }
  }
  if (LEAKS.test(text)) problems.push(`leaks internals: ${text.slice(0, 300)}`);
  return problems;
}
