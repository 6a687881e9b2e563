import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '../src/common/access/access.decorators';
import { createTestApp, TestApp, TestUser } from './support/test-app';

type Rule = 'public' | Role[];

/**
 * Who may call what. Every route of the app must appear here, and every route here must exist: a new route
 * without a line in this table fails the build, and so does a route whose guard disagrees with the table.
 */
const ACCESS_TABLE: Record<string, Rule> = {
  'GET /api/v1/health': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/register': 'public',
  'POST /api/v1/auth/logout': [...ROLES],
  'GET /api/v1/auth/me': [...ROLES],
  'GET /api/v1/auth/sessions': [...ROLES],
  'POST /api/v1/auth/sessions/revoke-others': [...ROLES],
  'POST /api/v1/auth/password': [...ROLES],
  'POST /api/v1/users': ['ministry'],
  'GET /api/v1/users': ['ministry', 'auditor'],
  'GET /api/v1/users/:id': ['ministry', 'auditor'],
  'PATCH /api/v1/users/:id': ['ministry'],
  'POST /api/v1/users/:id/sessions/revoke': ['ministry'],
  'POST /api/v1/clusters': ['ministry'],
  'POST /api/v1/clusters/register': ['applicant'],
  'GET /api/v1/clusters': ['ministry', 'auditor', 'applicant'],
  'GET /api/v1/clusters/:id': ['ministry', 'auditor', 'applicant'],
  'PATCH /api/v1/clusters/:id': ['ministry', 'applicant'],
  'DELETE /api/v1/clusters/:id': ['ministry'],
  'GET /api/v1/programmes': 'public',
  'GET /api/v1/programmes/:id': 'public',
  'POST /api/v1/programmes': ['ministry'],
  'PATCH /api/v1/programmes/:id': ['ministry'],
  'POST /api/v1/programmes/:id/status': ['ministry'],
  'POST /api/v1/programmes/:id/rule-versions': ['ministry'],
  'GET /api/v1/programmes/:id/rule-versions': 'public',
  'POST /api/v1/programmes/:programmeId/extensions': ['ministry'],
  'GET /api/v1/programmes/:programmeId/extensions': ['ministry', 'auditor'],
  'POST /api/v1/programmes/:programmeId/submissions': ['applicant'],
  'GET /api/v1/programmes/:programmeId/submissions': ['ministry', 'auditor', 'applicant'],
  'GET /api/v1/programmes/:programmeId/submissions/export.csv': ['ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/submissions/export.xlsx': ['ministry', 'auditor'],
  'GET /api/v1/submissions/:id': ['ministry', 'auditor', 'applicant'],
  'PATCH /api/v1/submissions/:id': ['applicant'],
  'GET /api/v1/submissions/:id/check': ['applicant'],
  'POST /api/v1/submissions/:id/submit': ['applicant'],
  'POST /api/v1/submissions/:id/withdraw': ['applicant'],
  'GET /api/v1/submissions/:id/versions': ['ministry', 'auditor', 'applicant'],
  'GET /api/v1/submissions/:id/versions/:version/receipt': ['ministry', 'auditor', 'applicant'],
  'GET /api/v1/submissions/:id/versions/:version/receipt.pdf': ['ministry', 'auditor', 'applicant'],
  'POST /api/v1/submissions/:id/attachments': ['applicant'],
  'GET /api/v1/submissions/:id/attachments/:attachmentId': ['ministry', 'auditor', 'applicant'],
  'DELETE /api/v1/submissions/:id/attachments/:attachmentId': ['applicant'],
  'PUT /api/v1/submissions/:id/eligibility': ['ministry'],
  'GET /api/v1/submissions/:id/eligibility': ['ministry', 'auditor', 'applicant'],
  'GET /api/v1/programmes/:programmeId/commission': ['ministry', 'auditor'],
  'PATCH /api/v1/programmes/:programmeId/commission': ['ministry'],
  'POST /api/v1/programmes/:programmeId/commission/members': ['ministry'],
  'PATCH /api/v1/programmes/:programmeId/commission/members/:memberId': ['ministry'],
  'DELETE /api/v1/programmes/:programmeId/commission/members/:memberId': ['ministry'],
  'GET /api/v1/programmes/:programmeId/commission/conflicts': ['ministry', 'auditor'],
  'POST /api/v1/programmes/:programmeId/commission/conflicts': ['ministry'],
  'POST /api/v1/programmes/:programmeId/commission/my-conflicts': ['commissioner'],
  'POST /api/v1/programmes/:programmeId/commission/assignments/run': ['ministry'],
  'GET /api/v1/programmes/:programmeId/commission/assignments': ['ministry', 'auditor'],
  'PUT /api/v1/programmes/:programmeId/commission/assignments/swap': ['ministry'],
  'POST /api/v1/programmes/:programmeId/commission/close': ['ministry'],
  'GET /api/v1/reviews': ['commissioner'],
  'GET /api/v1/reviews/:id': ['commissioner'],
  'PUT /api/v1/reviews/:id/scores': ['commissioner'],
  'POST /api/v1/reviews/:id/submit': ['commissioner'],
  'GET /api/v1/reviews/:id/panel': ['commissioner'],
  'POST /api/v1/reviews/:id/conflict': ['commissioner'],
  'GET /api/v1/programmes/:programmeId/scores': ['ministry', 'auditor', 'commissioner'],
  'GET /api/v1/programmes/:programmeId/scores/disagreements': ['ministry', 'auditor', 'commissioner'],
  'PUT /api/v1/programmes/:programmeId/scores/consensus/:submissionId': ['commissioner'],
  'GET /api/v1/programmes/:programmeId/scores/progress': ['ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/scores/export.csv': ['ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/scores/export.xlsx': ['ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/ranking': ['ministry', 'auditor'],
  'POST /api/v1/programmes/:programmeId/ranking': ['ministry'],
  'POST /api/v1/programmes/:programmeId/allocation-runs': ['ministry'],
  'GET /api/v1/programmes/:programmeId/allocation-runs': ['ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/allocation-runs/compare': ['ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/allocation-runs/:runId': ['ministry', 'auditor'],
  'POST /api/v1/programmes/:programmeId/allocation-runs/:runId/publish': ['ministry'],
  'GET /api/v1/programmes/:programmeId/allocation-runs/:runId/export.csv': ['ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/allocation-runs/:runId/export.xlsx': ['ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/results': 'public',
  'GET /api/v1/programmes/:programmeId/results.csv': 'public',
  'GET /api/v1/programmes/:programmeId/results.xlsx': 'public',
  'POST /api/v1/submissions/:submissionId/appeal': ['applicant'],
  'GET /api/v1/submissions/:submissionId/appeal': ['applicant', 'ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/appeals': ['ministry', 'auditor'],
  'POST /api/v1/appeals/:appealId/resolve': ['ministry'],
  'POST /api/v1/programmes/:programmeId/decisions/issues': ['ministry'],
  'GET /api/v1/programmes/:programmeId/decisions/issues': ['ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/decisions/issues/:issueId': ['ministry', 'auditor'],
  'POST /api/v1/programmes/:programmeId/decisions/issues/:issueId/retry': ['ministry'],
  'GET /api/v1/submissions/:submissionId/decision.pdf': ['applicant', 'ministry', 'auditor'],
  'GET /api/v1/programmes/:programmeId/protocol': 'public',
  'GET /api/v1/verify/:code': 'public',
  'GET /api/v1/audit': ['ministry', 'auditor'],
  'GET /api/v1/audit/verify': ['ministry', 'auditor'],
};

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route mounted in the running app, read from the HTTP router itself (not from our own metadata). */
function mountedRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return express.router.stack
    .filter((layer) => layer.route && layer.route.path.startsWith('/api/v1/'))
    .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`))
    .filter((route) => !route.startsWith('GET /api/v1/docs'));
}

describe('access table: every route, every role', () => {
  let t: TestApp;
  const callers: Record<Role, TestUser> = {} as Record<Role, TestUser>;

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) callers[role] = await t.user(role);
  });
  afterAll(() => t.close());

  it('lists exactly the routes the app mounts', () => {
    expect(mountedRoutes(t).sort()).toEqual(Object.keys(ACCESS_TABLE).sort());
  });

  // Logging out revokes the caller's token, so that route goes last.
  const routes = Object.keys(ACCESS_TABLE).sort((a, b) => Number(a.endsWith('/logout')) - Number(b.endsWith('/logout')));

  it.each(routes)('%s answers each caller as the table says', async (route) => {
    const [method, pattern] = route.split(' ');
    const path = pattern.replace(/:version/g, '1').replace(/:[a-zA-Z]+/g, randomUUID());
    const rule = ACCESS_TABLE[route];
    const call = (headers: Record<string, string>) => {
      const request = t.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](path).set(headers);
      return method === 'GET' || method === 'DELETE' ? request : request.send({});
    };

    const anonymous = await call({});
    if (rule === 'public') expect([401, 403]).not.toContain(anonymous.status);
    else expect(anonymous.status).toBe(401);

    for (const role of ROLES) {
      const response = await call(callers[role].auth);
      const allowed = rule === 'public' || rule.includes(role);
      expect(response.body).toBeDefined();
      // Stated as { role, status } so a failure names the role.
      if (allowed) expect({ role, refused: [401, 403].includes(response.status) }).toEqual({ role, refused: false });
      else expect({ role, status: response.status }).toEqual({ role, status: 403 });
      expect(response.status).toBeLessThan(500);
    }
  });

  it('refuses a revoked or made-up token even on public routes', async () => {
    const user = await t.user('applicant');
    await t.http().post('/api/v1/auth/logout').set(user.auth).expect(204);
    await t.http().get('/api/v1/programmes').set(user.auth).expect(401);
    await t.http().get('/api/v1/programmes').set('Authorization', 'Bearer not-a-real-token-at-all-123456').expect(401);
  });
});
