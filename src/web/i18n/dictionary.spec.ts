import { dictionary, LANGUAGES } from './dictionary';

/** Every leaf of the dictionary as `path: value`, functions called with sample arguments. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (...args: unknown[]) => unknown)('x', 'y', 'z'))]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
}

describe('dictionary', () => {
  it('has every label, nested ones included, in both languages and none of them empty', () => {
    const [ru, en] = LANGUAGES.map((language) => leaves(dictionary(language)));
    expect(en.map(([path]) => path)).toEqual(ru.map(([path]) => path));
    for (const [path, text] of [...ru, ...en]) expect({ path, empty: text.trim() === '' }).toEqual({ path, empty: false });
  });

  it('differs between the languages where words are concerned', () => {
    expect(dictionary('ru').signIn).toBe('Войти');
    expect(dictionary('en').signIn).toBe('Sign in');
  });
});
