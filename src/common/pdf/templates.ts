import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Language } from './format';

/** The file that marks the project's `templates/` folder (and tells its readers what the files are). */
const MARKER = 'README.md';

let cachedDir: string | undefined;

/**
 * The project root's `templates/` folder, found by walking up from this file: it is `../../../templates` from
 * `src/common/pdf` (jest, ts-node) but one level more from `dist/src/common/pdf` (compiled), and a walk needs no
 * knowledge of either layout.
 */
export function templatesDir(): string {
  if (cachedDir) return cachedDir;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, MARKER))) return (cachedDir = candidate);
    if (dirname(dir) === dir) {
      throw new Error(`No templates/${MARKER} found in ${__dirname} or any folder above it`);
    }
  }
}

const cache = new Map<string, unknown>();

/** The value at a dotted path (`labels.inn`), or undefined. */
function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (inner, key) => (inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>)[key] : undefined),
      value,
    );
}

/**
 * `templates/<name>.<language>.json`, read and parsed once per process (a wording change needs a restart).
 * `requiredPaths` (dotted, e.g. `labels.inn`) are checked up front so that a text lost while editing the wording
 * fails loudly by name rather than printing `undefined` into an official document.
 */
export function loadTemplate<T extends object>(name: string, language: Language, requiredPaths: readonly string[]): T {
  const file = join(templatesDir(), `${name}.${language}.json`);
  let template = cache.get(file) as T | undefined;
  if (!template) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const missing = requiredPaths.filter((path) => at(parsed, path) === undefined);
    if (missing.length) throw new Error(`Template ${file} lacks ${missing.join(', ')}`);
    template = parsed as T;
    cache.set(file, template);
  }
  return template;
}

/** Fills `{name}` placeholders; an unknown placeholder is left as is so that the mistake shows in the document. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}
