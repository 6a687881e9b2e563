import { localPagePath } from '../respond';
import { readCookie } from './cookies';

describe('cookies and return addresses', () => {
  const request = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } });

  it('reads one cookie from the Cookie header, decoded, or null', () => {
    expect(readCookie(request('a=1; konkurs_lang=en; b="x%20y"'), 'konkurs_lang')).toBe('en');
    expect(readCookie(request('a=1; b="x%20y"'), 'b')).toBe('x y');
    expect(readCookie(request('xkonkurs_lang=en'), 'konkurs_lang')).toBeNull();
    expect(readCookie(request(), 'a')).toBeNull();
    expect(readCookie(request('a=%E0%A4%A'), 'a')).toBeNull();
  });

  it('only takes a local page as the address to return to after signing in', () => {
    expect(localPagePath('/account')).toBe('/account');
    expect(localPagePath('/programmes/1?lang=en')).toBe('/programmes/1?lang=en');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', '/api/v1/auth/me', '/a b', 42, undefined]) {
      expect({ bad, path: localPagePath(bad) }).toEqual({ bad, path: null });
    }
  });
});
