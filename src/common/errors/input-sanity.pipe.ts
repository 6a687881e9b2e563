import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { type ErrorDetail, validationFailed } from './domain-error';

/**
 * Deeper than any request of the API nests (a programme's criteria are four levels down). JSON.parse accepts any
 * depth, but every recursive walk after it (this one, class-transformer, class-validator) would overflow the stack
 * on a body like [[[[…]]]] a hundred thousand levels deep and answer 500.
 */
export const MAX_NESTING_DEPTH = 32;

/** Half of a surrogate pair without the other half: JSON can carry it ("\ud800"), UTF-8 cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function stringProblem(value: string, path: string): ErrorDetail | null {
  const field = path || 'value';
  if (value.includes('\u0000')) return { field, rule: 'noNulCharacter', message: `${field} must not contain the NUL character (U+0000)` };
  if (LONE_SURROGATE.test(value)) {
    return { field, rule: 'wellFormedUnicode', message: `${field} must be well-formed Unicode (it holds half of a surrogate pair)` };
  }
  return null;
}

/** The first problem in a value, with its path: a string PostgreSQL or a validator cannot take, or nesting too deep. */
function findProblem(value: unknown, path: string, depth: number): ErrorDetail | null {
  if (typeof value === 'string') return stringProblem(value, path);
  if (!value || typeof value !== 'object') return null;
  if (depth >= MAX_NESTING_DEPTH) {
    const field = path || 'body';
    return { field, rule: 'maxDepth', message: `${field} is nested too deeply: at most ${MAX_NESTING_DEPTH} levels` };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findProblem(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const found = findProblem(key, path, depth) ?? findProblem(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refused at the edge, for every body, query and path parameter, before any validator or query sees them:
 * - U+0000, which PostgreSQL text cannot hold (it would fail deep in a query as a 500);
 * - lone surrogates, which PostgreSQL would silently store as U+FFFD and validators that encode the string
 *   (class-validator's IsEmail through encodeURI) throw on as a 500;
 * - nesting deeper than any request needs.
 */
export class RejectUnsafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'custom') return value;
    const problem = findProblem(value, metadata.type === 'param' ? (metadata.data ?? '') : '', 0);
    if (problem) throw validationFailed([problem]);
    return value;
  }
}
