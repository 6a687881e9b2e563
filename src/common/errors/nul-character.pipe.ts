import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { validationFailed } from './domain-error';

/** The first string containing U+0000 and its path, e.g. "criteria[0].titleRu". */
function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = findNul(key, path) ?? findNul(child, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL text cannot hold U+0000; a string carrying one would fail deep in a query as a 500. Refused at the
 * edge for every body, query and path parameter instead.
 */
export class RejectNulCharacterPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'custom') return value;
    const field = findNul(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (field) throw validationFailed([{ field, rule: 'noNulCharacter', message: `${field} must not contain the NUL character (U+0000)` }]);
    return value;
  }
}
