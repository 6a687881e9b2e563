import { ROLES, type Role } from '../../src/common/access/access.decorators';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app';

type Rule = 'public' | Role[];

/**
 * Who may open which page: the web interface's counterpart of test/access.test.ts (which covers /api/v1). Every
 * route mounted outside /api must be listed here, and a page for signed-in people sends anyone else to sign in.
 */
const PAGE_TABLE: Record<string, Rule> = {
  'GET /': 'public',
  'GET /programmes/:programme': 'public',
  'GET /verify': 'public',
  'GET /verify/:document': 'public',
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'POST /sign-out': 'public',
  'GET /account': [...ROLES],
  'GET /assets/:name': 'public',
  'GET /bids': ['applicant'],
  'POST /programmes/:programme/bids': ['applicant'],
  'GET /bids/:bid': ['applicant'],
  'POST /bids/:bid': ['applicant'],
  'GET /bids/:bid/receipts/:version': ['applicant'],
  'GET /bids/:bid/receipts/:version/pdf/:language': ['applicant'],
  'GET /bids/:bid/decision/:language': ['applicant'],
  'GET /bids/:bid/attachments/:attachment': ['applicant'],
  'GET /bids/:bid/withdraw': ['applicant'],
  'POST /bids/:bid/withdraw': ['applicant'],
  'POST /bids/:bid/appeal': ['applicant'],
};

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Routes of one controller method outside /api (Nest's not-found handlers, which take every method, left out). */
function mountedPageRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return express.router.stack
    .filter((layer) => layer.route && !layer.route.path.startsWith('/api/') && Object.keys(layer.route.methods).length === 1)
    .map((layer) => `${Object.keys(layer.route!.methods)[0].toUpperCase()} ${layer.route!.path}`);
}

describe('page access: every page route, every role', () => {
  let t: TestApp;
  const callers = {} as Record<Role, TestUser>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) callers[role] = await t.user(role);
  });
  afterAll(() => t.close());

  it('lists exactly the page routes the app mounts, and no API route outside /api/v1', () => {
    expect(mountedPageRoutes(t).sort()).toEqual(Object.keys(PAGE_TABLE).sort());
  });

  it.each(Object.keys(PAGE_TABLE).filter((route) => route.startsWith('GET ')))(
    '%s answers each caller as the table says',
    async (route) => {
      const path = route
        .slice(4)
        .replace(':programme', '00000000-0000-4000-8000-000000000000')
        .replace(':bid', '00000000-0000-4000-8000-000000000000')
        .replace(':attachment', '00000000-0000-4000-8000-000000000000')
        .replace(':version', '1')
        .replace(':language', 'ru')
        .replace(':name', 'site.css')
        .replace(':document', 'AAAA-BBBB-CCCC');
      const rule = PAGE_TABLE[route];
      const anonymous = await t.http().get(path);
      if (rule === 'public')
        expect([200, 404]).toContain(anonymous.status); // the made-up programme does not exist
      else
        expect({ status: anonymous.status, location: anonymous.headers.location }).toEqual({
          status: 303,
          location: `/sign-in?next=${encodeURIComponent(path)}`,
        });

      for (const role of ROLES) {
        const response = await t.http().get(path).set('Cookie', `konkurs_session=${callers[role].token}`);
        const allowed = rule === 'public' || rule.includes(role);
        expect({ role, redirected: response.status === 303 }).toEqual({ role, redirected: false });
        if (allowed) expect({ role, ok: response.status < 500 && response.status !== 403 }).toEqual({ role, ok: true });
        else expect({ role, status: response.status }).toEqual({ role, status: 403 });
      }
    },
  );

  it('takes the session from the cookie on pages only: the API answers a cookie-only caller 401', async () => {
    const cookie = `konkurs_session=${callers.ministry.token}`;
    await t.http().get('/account').set('Cookie', cookie).expect(200);
    await t.http().get('/api/v1/auth/me').set('Cookie', cookie).expect(401);
  });

  it('treats a stale session cookie as signed out (and drops it) instead of refusing public pages', async () => {
    const response = await t.http().get('/').set('Cookie', 'konkurs_session=revoked-or-made-up-token-1234567890');
    expect(response.status).toBe(200);
    expect(response.headers['set-cookie']).toEqual(expect.arrayContaining([expect.stringMatching(/^konkurs_session=;.*Max-Age=0/)]));
  });

  it('accepts HTML form bodies on pages but still refuses them on the API', async () => {
    await t.http().post('/api/v1/auth/login').type('form').send({ email: callers.ministry.email, password: 'x' }).expect(415);
    const page = await t.http().post('/sign-in').type('form').send({ email: callers.ministry.email, password: 'x' });
    expect(page.status).toBe(403); // no anti-forgery token: the page answers, with its own refusal
    expect(page.headers['content-type']).toContain('text/html');
  });
});
