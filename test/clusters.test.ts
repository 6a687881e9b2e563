import { randomUUID } from 'node:crypto';
import { aCluster, anInn, anOgrn } from './support/factories';
import { createTestApp, TestApp, TestUser } from './support/test-app';

const API = '/api/v1/clusters';

describe('clusters', () => {
  let t: TestApp;
  let ministry: TestUser;
  let auditor: TestUser;
  let commissioner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    auditor = await t.user('auditor');
    commissioner = await t.user('commissioner');
  });
  afterAll(() => t.close());

  /** Ministry creates a cluster over HTTP and returns the response body. */
  const createCluster = async (overrides: Record<string, unknown> = {}) => {
    const response = await t.http().post(API).set(ministry.auth).send(aCluster(overrides));
    expect(response.status).toBe(201);
    return response.body as { id: string; organisationInn: string; [key: string]: unknown };
  };

  /** An applicant account already bound to a fresh cluster. */
  const applicantWithCluster = async (overrides: Record<string, unknown> = {}) => {
    const cluster = await createCluster(overrides);
    const user = await t.user('applicant', { clusterId: cluster.id });
    return { cluster, user };
  };

  const auditRows = async (action: string, entityId: string) =>
    (
      await t.db.query(
        `SELECT actor_id, actor_role, action, entity_type, entity_id, before, after, request_id FROM audit_log
          WHERE action = $1 AND entity_id = $2 ORDER BY seq`,
        [action, entityId],
      )
    ).rows;

  const clusterAuditCount = async () =>
    (await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'cluster'`)).rows[0].n as number;

  /** Sends a request and asserts it was refused with 400 naming `field`/`rule`, and that nothing was written. */
  const expectRejected = async (send: () => Promise<{ status: number; body: any }>, field: string, rule?: string) => {
    const before = await t.counts();
    const response = await send();
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.requestId).toEqual(expect.any(String));
    const details = response.body.error.details as { field: string; rule: string; message: string }[];
    expect(details).toEqual(expect.arrayContaining([expect.objectContaining({ field, ...(rule ? { rule } : {}) })]));
    for (const detail of details) expect(detail.message).toEqual(expect.any(String));
    expect(await t.counts()).toEqual(before);
    return response;
  };

  describe('POST /clusters (ministry creates)', () => {
    it('creates a cluster, answers the response DTO and records cluster.created', async () => {
      const body = aCluster({ participantInns: ['7707083893', '500100732259'] });
      const before = await t.counts();
      const response = await t.http().post(API).set(ministry.auth).send(body).expect(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        nameRu: body.nameRu,
        nameEn: body.nameEn,
        regionCode: 'RU-TOM',
        timeZone: 'Asia/Tomsk',
        organisationName: body.organisationName,
        organisationInn: body.organisationInn,
        organisationOgrn: body.organisationOgrn,
        memberCount: 246,
        industries: ['pharmaceuticals', 'IT'],
        participantInns: ['7707083893', '500100732259'],
        isDemo: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(new Date(response.body.createdAt).toISOString()).toBe(response.body.createdAt);
      const after = await t.counts();
      expect(after.clusters).toBe(before.clusters + 1);
      expect(after.audit_log).toBe(before.audit_log + 1);

      const { rows } = await t.db.query('SELECT organisation_inn, member_count, region_code, time_zone FROM clusters WHERE id = $1', [
        response.body.id,
      ]);
      expect(rows).toEqual([{ organisation_inn: body.organisationInn, member_count: 246, region_code: 'RU-TOM', time_zone: 'Asia/Tomsk' }]);

      const audit = await auditRows('cluster.created', response.body.id);
      expect(audit).toHaveLength(1);
      expect(audit[0].request_id).toBe(response.headers['x-request-id']);
      expect(audit[0]).toMatchObject({ actor_id: ministry.id, actor_role: 'ministry', entity_type: 'cluster', before: null });
      expect(audit[0].after).toMatchObject({
        id: response.body.id,
        organisationInn: body.organisationInn,
        memberCount: 246,
        regionCode: 'RU-TOM',
      });
    });

    it('defaults industries and participant INNs to empty lists', async () => {
      const { industries: _i, ...body } = aCluster();
      const response = await t.http().post(API).set(ministry.auth).send(body).expect(201);
      expect(response.body.industries).toEqual([]);
      expect(response.body.participantInns).toEqual([]);
    });

    it('trims names', async () => {
      const response = await t
        .http()
        .post(API)
        .set(ministry.auth)
        .send(aCluster({ nameEn: '  Tomsk cluster  ' }))
        .expect(201);
      expect(response.body.nameEn).toBe('Tomsk cluster');
    });

    it('accepts the westernmost and easternmost clusters: Kaliningrad (UTC+2) and Kamchatka (UTC+12)', async () => {
      const kaliningrad = await t
        .http()
        .post(API)
        .set(ministry.auth)
        .send(aCluster({ nameEn: 'Kaliningrad cluster', regionCode: 'RU-KGD', timeZone: 'Europe/Kaliningrad' }))
        .expect(201);
      expect(kaliningrad.body).toMatchObject({ regionCode: 'RU-KGD', timeZone: 'Europe/Kaliningrad' });
      const kamchatka = await t
        .http()
        .post(API)
        .set(ministry.auth)
        .send(aCluster({ nameEn: 'Kamchatka cluster', regionCode: 'RU-KAM', timeZone: 'Asia/Kamchatka' }))
        .expect(201);
      expect(kamchatka.body).toMatchObject({ regionCode: 'RU-KAM', timeZone: 'Asia/Kamchatka' });
    });

    it('accepts a 12-digit INN and a 15-digit OGRNIP, and a member count of 0', async () => {
      const response = await t
        .http()
        .post(API)
        .set(ministry.auth)
        .send(aCluster({ organisationInn: '500100732259', organisationOgrn: '304500116000157', memberCount: 0 }))
        .expect(201);
      expect(response.body).toMatchObject({ organisationInn: '500100732259', organisationOgrn: '304500116000157', memberCount: 0 });
    });

    it('accepts the well-known INN 7707083893 and OGRN 1027700132195', async () => {
      const response = await t
        .http()
        .post(API)
        .set(ministry.auth)
        .send(aCluster({ organisationInn: '7707083893', organisationOgrn: '1027700132195' }))
        .expect(201);
      expect(response.body).toMatchObject({ organisationInn: '7707083893', organisationOgrn: '1027700132195' });
    });

    describe('validation: 400 naming the field, nothing written', () => {
      const post = (body: Record<string, unknown>) => () => t.http().post(API).set(ministry.auth).send(body);

      it.each([
        ['RU-XXX', 'not an ISO 3166-2:RU code'],
        ['TOM', 'missing the RU- prefix'],
        ['ru-tom', 'lower case'],
        ['US-CA', 'another country'],
        ['', 'empty'],
        [7, 'a number'],
      ])('rejects regionCode %p (%s)', async (regionCode: unknown, _reason: string) => {
        await expectRejected(post(aCluster({ regionCode })), 'regionCode');
      });

      it.each([['Europe/Paris'], ['UTC+7'], ['UTC'], ['Asia/Almaty'], ['asia/tomsk'], ['']])('rejects timeZone %p', async (timeZone) => {
        await expectRejected(post(aCluster({ timeZone })), 'timeZone');
      });

      it.each([
        ['7707083894', 'wrong check digit'],
        ['500100732258', 'wrong 12-digit check digit'],
        ['770708389', '9 digits'],
        ['77070838931', '11 digits'],
        ['770708389A', 'a letter'],
        [7707083893, 'a number instead of a string'],
      ])('rejects organisationInn %p (%s)', async (organisationInn: unknown, _reason: string) => {
        await expectRejected(post(aCluster({ organisationInn })), 'organisationInn', 'isInn');
      });

      it.each([
        ['1027700132194', 'wrong check digit'],
        ['304500116000158', 'wrong 15-digit check digit'],
        ['10277001321', 'too short'],
        [1027700132195, 'a number'],
      ])('rejects organisationOgrn %p (%s)', async (organisationOgrn: unknown, _reason: string) => {
        await expectRejected(post(aCluster({ organisationOgrn })), 'organisationOgrn', 'isOgrn');
      });

      it.each([
        [-1, 'negative'],
        [1.5, 'fractional'],
        ['abc', 'not a number'],
        ['', 'an empty string'],
        [true, 'a boolean'],
        [null, 'null'],
        [100001, 'implausibly large'],
      ])('rejects memberCount %p (%s)', async (memberCount: unknown, _reason: string) => {
        await expectRejected(post(aCluster({ memberCount })), 'memberCount');
      });

      it.each(['nameRu', 'nameEn', 'regionCode', 'timeZone', 'organisationName', 'organisationInn', 'organisationOgrn', 'memberCount'])(
        'rejects a body without %s',
        async (field) => {
          const body: Record<string, unknown> = aCluster();
          delete body[field];
          await expectRejected(post(body), field);
        },
      );

      it('rejects blank and too short names', async () => {
        await expectRejected(post(aCluster({ nameRu: '    ' })), 'nameRu');
        await expectRejected(post(aCluster({ nameEn: 'ab' })), 'nameEn');
        await expectRejected(post(aCluster({ organisationName: 'x'.repeat(501) })), 'organisationName');
      });

      it.each([
        ['nameRu', 'Кластер\u0000Томск', 'nameRu', 'noNulCharacter'],
        ['nameEn', 'Tomsk\ncluster', 'nameEn', 'matches'],
        ['organisationName', 'ООО\tТест', 'organisationName', 'matches'],
        ['industries', ['IT', 'bio\u0000tech'], 'industries[1]', 'noNulCharacter'],
      ])('rejects control characters in %s (a NUL byte must be a 400, not a database error)', async (field, value, reported, rule) => {
        await expectRejected(post(aCluster({ [field]: value })), reported as string, rule as string);
      });

      it.each([
        ['industries', null],
        ['industries', 'IT'],
        ['industries', ['IT', 'IT']],
        ['industries', [42]],
        ['participantInns', null],
        ['participantInns', ['7707083894']],
        ['participantInns', ['7707083893', '7707083893']],
      ])('rejects %s = %p', async (field, value) => {
        await expectRejected(post(aCluster({ [field]: value })), field);
      });

      it.each(['isDemo', 'id', 'createdAt', 'whatever'])('rejects the unknown field %s (rule unknownField)', async (field) => {
        await expectRejected(post(aCluster({ [field]: field === 'isDemo' ? true : 'x' })), field, 'unknownField');
      });

      it('names every broken field at once', async () => {
        const response = await expectRejected(
          post(aCluster({ regionCode: 'RU-XXX', timeZone: 'Europe/Paris', organisationInn: '7707083894' })),
          'regionCode',
        );
        const fields = response.body.error.details.map((d: { field: string }) => d.field);
        expect(fields).toEqual(expect.arrayContaining(['regionCode', 'timeZone', 'organisationInn']));
      });
    });

    it('refuses a duplicate organisation INN with 409 CLUSTER_INN_TAKEN and writes nothing', async () => {
      const first = await createCluster();
      const before = await t.counts();
      const response = await t
        .http()
        .post(API)
        .set(ministry.auth)
        .send(aCluster({ organisationInn: first.organisationInn }))
        .expect(409);
      expect(response.body.error.code).toBe('CLUSTER_INN_TAKEN');
      expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'organisationInn', rule: 'unique' })]);
      expect(await t.counts()).toEqual(before);
    });

    it('lets exactly one of two simultaneous creations with the same INN win: one 201, one 409, never 500', async () => {
      const inn = anInn();
      const before = await t.counts();
      const responses = await Promise.all([
        t
          .http()
          .post(API)
          .set(ministry.auth)
          .send(aCluster({ organisationInn: inn })),
        t
          .http()
          .post(API)
          .set(ministry.auth)
          .send(aCluster({ organisationInn: inn })),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)!.body.error.code).toBe('CLUSTER_INN_TAKEN');
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM clusters WHERE organisation_inn = $1', [inn]);
      expect(rows[0].n).toBe(1);
      const after = await t.counts();
      expect(after.clusters).toBe(before.clusters + 1);
      expect(after.audit_log).toBe(before.audit_log + 1);
    });
  });

  describe('POST /clusters/register (applicant registers its own cluster)', () => {
    it('creates the cluster, binds the account in the same request and records cluster.registered', async () => {
      const applicant = await t.user('applicant');
      const body = aCluster({ nameEn: 'Novosibirsk IT and biopharma', regionCode: 'RU-NVS', timeZone: 'Asia/Novosibirsk' });
      const response = await t.http().post(`${API}/register`).set(applicant.auth).send(body).expect(201);
      expect(response.body).toMatchObject({
        organisationInn: body.organisationInn,
        regionCode: 'RU-NVS',
        timeZone: 'Asia/Novosibirsk',
        isDemo: false,
      });

      const { rows } = await t.db.query('SELECT cluster_id FROM users WHERE id = $1', [applicant.id]);
      expect(rows[0].cluster_id).toBe(response.body.id);

      const audit = await auditRows('cluster.registered', response.body.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: applicant.id, actor_role: 'applicant', entity_type: 'cluster' });
      expect(audit[0].after).toMatchObject({ id: response.body.id, organisationInn: body.organisationInn });

      // The same token now acts for the cluster: it sees and edits it.
      await t.http().get(`${API}/${response.body.id}`).set(applicant.auth).expect(200);
      const list = await t.http().get(API).set(applicant.auth).expect(200);
      expect(list.body).toEqual({ items: [expect.objectContaining({ id: response.body.id })], total: 1 });
      await t.http().patch(`${API}/${response.body.id}`).set(applicant.auth).send({ memberCount: 12 }).expect(200);
    });

    it('refuses a second registration with 409 CLUSTER_ALREADY_REGISTERED and writes nothing', async () => {
      const applicant = await t.user('applicant');
      const first = await t.http().post(`${API}/register`).set(applicant.auth).send(aCluster()).expect(201);
      const before = await t.counts();
      const response = await t.http().post(`${API}/register`).set(applicant.auth).send(aCluster()).expect(409);
      expect(response.body.error.code).toBe('CLUSTER_ALREADY_REGISTERED');
      expect(await t.counts()).toEqual(before);
      const { rows } = await t.db.query('SELECT cluster_id FROM users WHERE id = $1', [applicant.id]);
      expect(rows[0].cluster_id).toBe(first.body.id);
    });

    it('refuses registration by an applicant already attached to a cluster by the ministry', async () => {
      const { user } = await applicantWithCluster();
      const before = await t.counts();
      const response = await t.http().post(`${API}/register`).set(user.auth).send(aCluster()).expect(409);
      expect(response.body.error.code).toBe('CLUSTER_ALREADY_REGISTERED');
      expect(await t.counts()).toEqual(before);
    });

    it('binds at most one cluster when one applicant fires two registrations at once', async () => {
      const applicant = await t.user('applicant');
      const before = await t.counts();
      const responses = await Promise.all([
        t.http().post(`${API}/register`).set(applicant.auth).send(aCluster()),
        t.http().post(`${API}/register`).set(applicant.auth).send(aCluster()),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)!.body.error.code).toBe('CLUSTER_ALREADY_REGISTERED');
      const winner = responses.find((r) => r.status === 201)!.body.id;
      const { rows } = await t.db.query('SELECT cluster_id FROM users WHERE id = $1', [applicant.id]);
      expect(rows[0].cluster_id).toBe(winner);
      expect((await t.counts()).clusters).toBe(before.clusters + 1);
    });

    it('refuses a taken INN with 409 CLUSTER_INN_TAKEN and leaves the account unbound', async () => {
      const existing = await createCluster();
      const applicant = await t.user('applicant');
      const before = await t.counts();
      const response = await t
        .http()
        .post(`${API}/register`)
        .set(applicant.auth)
        .send(aCluster({ organisationInn: existing.organisationInn }))
        .expect(409);
      expect(response.body.error.code).toBe('CLUSTER_INN_TAKEN');
      expect(response.body.error.details[0]).toMatchObject({ field: 'organisationInn' });
      expect(await t.counts()).toEqual(before);
      const { rows } = await t.db.query('SELECT cluster_id FROM users WHERE id = $1', [applicant.id]);
      expect(rows[0].cluster_id).toBeNull();
    });

    it('lets exactly one of two applicants racing for the same INN win: one 201, one 409, never 500', async () => {
      const [a, b] = await Promise.all([t.user('applicant'), t.user('applicant')]);
      const inn = anInn();
      const responses = await Promise.all([
        t
          .http()
          .post(`${API}/register`)
          .set(a.auth)
          .send(aCluster({ organisationInn: inn })),
        t
          .http()
          .post(`${API}/register`)
          .set(b.auth)
          .send(aCluster({ organisationInn: inn })),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(responses.find((r) => r.status === 409)!.body.error.code).toBe('CLUSTER_INN_TAKEN');
      const { rows } = await t.db.query('SELECT id, cluster_id FROM users WHERE id = ANY($1) ORDER BY cluster_id NULLS LAST', [
        [a.id, b.id],
      ]);
      expect(rows.map((r) => r.cluster_id)).toEqual([responses.find((r) => r.status === 201)!.body.id, null]);
      const count = await t.db.query('SELECT count(*)::int AS n FROM clusters WHERE organisation_inn = $1', [inn]);
      expect(count.rows[0].n).toBe(1);
    });

    it('validates the body like creation does, writing nothing', async () => {
      const applicant = await t.user('applicant');
      const send = (body: Record<string, unknown>) => () => t.http().post(`${API}/register`).set(applicant.auth).send(body);
      await expectRejected(send(aCluster({ regionCode: 'RU-XXX' })), 'regionCode');
      await expectRejected(send(aCluster({ timeZone: 'UTC+7' })), 'timeZone');
      await expectRejected(send(aCluster({ organisationInn: '7707083894' })), 'organisationInn');
      await expectRejected(send(aCluster({ isDemo: true })), 'isDemo', 'unknownField');
      const { rows } = await t.db.query('SELECT cluster_id FROM users WHERE id = $1', [applicant.id]);
      expect(rows[0].cluster_id).toBeNull();
    });

    it('is for applicants only', async () => {
      for (const user of [ministry, auditor, commissioner]) {
        const response = await t.http().post(`${API}/register`).set(user.auth).send(aCluster()).expect(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('GET /clusters (list)', () => {
    let tomskIds: string[];
    let mine: { id: string };
    let applicant: TestUser;

    beforeAll(async () => {
      // Identical names on purpose: paging must still be stable when the sort key ties.
      tomskIds = [];
      for (let i = 0; i < 5; i++) tomskIds.push((await createCluster({ nameRu: 'Кластер Томской области', regionCode: 'RU-TOM' })).id);
      const own = await applicantWithCluster({ regionCode: 'RU-SAM', timeZone: 'Europe/Samara' });
      mine = own.cluster;
      applicant = own.user;
    });

    it('shows ministry and auditor every cluster with the total', async () => {
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM clusters');
      for (const user of [ministry, auditor]) {
        const response = await t.http().get(API).query({ pageSize: 200 }).set(user.auth).expect(200);
        expect(response.body.total).toBe(rows[0].n);
        expect(response.body.items).toHaveLength(rows[0].n);
        expect(response.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([...tomskIds, mine.id]));
      }
    });

    it('shows an applicant only its own cluster, whatever the filter', async () => {
      const response = await t.http().get(API).set(applicant.auth).expect(200);
      expect(response.body).toEqual({ items: [expect.objectContaining({ id: mine.id, regionCode: 'RU-SAM' })], total: 1 });
      const filtered = await t.http().get(API).query({ regionCode: 'RU-TOM' }).set(applicant.auth).expect(200);
      expect(filtered.body).toEqual({ items: [], total: 0 });
    });

    it('shows an applicant without a cluster nothing', async () => {
      const unbound = await t.user('applicant');
      const response = await t.http().get(API).set(unbound.auth).expect(200);
      expect(response.body).toEqual({ items: [], total: 0 });
    });

    it('filters by region', async () => {
      const response = await t.http().get(API).query({ regionCode: 'RU-SAM', pageSize: 200 }).set(ministry.auth).expect(200);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM clusters WHERE region_code = 'RU-SAM'`);
      expect(response.body.total).toBe(rows[0].n);
      expect(response.body.items.length).toBe(rows[0].n);
      expect(response.body.items.every((c: { regionCode: string }) => c.regionCode === 'RU-SAM')).toBe(true);
      expect(response.body.items.map((c: { id: string }) => c.id)).toContain(mine.id);
    });

    it('pages without repeating or skipping clusters, even when names tie', async () => {
      const seen: string[] = [];
      let total = 0;
      for (let page = 1; page <= 10; page++) {
        const response = await t.http().get(API).query({ regionCode: 'RU-TOM', page, pageSize: 2 }).set(ministry.auth).expect(200);
        total = response.body.total;
        expect(response.body.items.length).toBeLessThanOrEqual(2);
        if (response.body.items.length === 0) break;
        seen.push(...response.body.items.map((c: { id: string }) => c.id));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(total);
      expect(seen).toEqual(expect.arrayContaining(tomskIds));
    });

    it('answers a page past the end with no items and the real total', async () => {
      const response = await t.http().get(API).query({ page: 1000, pageSize: 10 }).set(ministry.auth).expect(200);
      expect(response.body.items).toEqual([]);
      expect(response.body.total).toBeGreaterThan(0);
    });

    it.each([
      ['page', '0'],
      ['page', '-1'],
      ['page', 'abc'],
      ['page', '1.5'],
      ['pageSize', '0'],
      ['pageSize', '201'],
      ['pageSize', 'many'],
      ['regionCode', 'RU-XXX'],
      ['regionCode', 'TOM'],
    ])('rejects %s=%s with 400 naming it', async (field, value) => {
      await expectRejected(
        () =>
          t
            .http()
            .get(API)
            .query({ [field]: value })
            .set(ministry.auth),
        field,
      );
    });

    it('rejects repeated and unknown query parameters with 400, never 500', async () => {
      await expectRejected(() => t.http().get(`${API}?page=1&page=2`).set(ministry.auth), 'page');
      await expectRejected(() => t.http().get(`${API}?regionCode=RU-TOM&regionCode=RU-SAM`).set(ministry.auth), 'regionCode');
      await expectRejected(() => t.http().get(API).query({ sort: 'name' }).set(ministry.auth), 'sort', 'unknownField');
    });

    it('accepts the page size bounds 1 and 200', async () => {
      expect((await t.http().get(API).query({ pageSize: 1 }).set(ministry.auth).expect(200)).body.items).toHaveLength(1);
      await t.http().get(API).query({ pageSize: 200 }).set(ministry.auth).expect(200);
    });
  });

  describe('GET /clusters/:id', () => {
    it('shows ministry and auditor any cluster, an applicant its own', async () => {
      const { cluster, user } = await applicantWithCluster();
      for (const caller of [ministry, auditor, user]) {
        const response = await t.http().get(`${API}/${cluster.id}`).set(caller.auth).expect(200);
        expect(response.body).toEqual(cluster);
      }
    });

    it('answers 404, not 403, for another cluster, exactly as for one that does not exist', async () => {
      const { user } = await applicantWithCluster();
      const other = await createCluster();
      const hidden = await t.http().get(`${API}/${other.id}`).set(user.auth).expect(404);
      const missingId = randomUUID();
      const missing = await t.http().get(`${API}/${missingId}`).set(user.auth).expect(404);
      expect(hidden.body.error.code).toBe('NOT_FOUND');
      expect(missing.body.error.code).toBe('NOT_FOUND');
      expect(hidden.body.error.message.replace(other.id, 'ID')).toBe(missing.body.error.message.replace(missingId, 'ID'));
      expect(JSON.stringify(hidden.body)).not.toContain(other.organisationInn);
    });

    it('answers 404 to an applicant without a cluster', async () => {
      const unbound = await t.user('applicant');
      const other = await createCluster();
      await t.http().get(`${API}/${other.id}`).set(unbound.auth).expect(404);
    });

    it('answers 404 to staff for an id that does not exist', async () => {
      const response = await t.http().get(`${API}/${randomUUID()}`).set(ministry.auth).expect(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    });

    it('accepts an upper-case UUID', async () => {
      const cluster = await createCluster();
      const response = await t.http().get(`${API}/${cluster.id.toUpperCase()}`).set(ministry.auth).expect(200);
      expect(response.body.id).toBe(cluster.id);
    });

    it.each(['not-a-uuid', '123', 'register', `${'0'.repeat(8)}-0000-0000-0000-00000000000g`])(
      'rejects the id %p with 400 naming id',
      async (id) => {
        const response = await t.http().get(`${API}/${id}`).set(ministry.auth).expect(400);
        expect(response.body.error.code).toBe('VALIDATION_FAILED');
        expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
      },
    );
  });

  describe('PATCH /clusters/:id', () => {
    it('lets the ministry edit any cluster and records cluster.updated with before and after', async () => {
      const cluster = await createCluster({ memberCount: 246 });
      const response = await t
        .http()
        .patch(`${API}/${cluster.id}`)
        .set(ministry.auth)
        .send({ memberCount: 300, nameEn: 'Renamed cluster', industries: ['IT'] })
        .expect(200);
      expect(response.body).toMatchObject({
        id: cluster.id,
        memberCount: 300,
        nameEn: 'Renamed cluster',
        industries: ['IT'],
        nameRu: cluster.nameRu,
        organisationInn: cluster.organisationInn,
        regionCode: cluster.regionCode,
        createdAt: cluster.createdAt,
      });
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(cluster.updatedAt as string));
      const stored = await t.http().get(`${API}/${cluster.id}`).set(ministry.auth).expect(200);
      expect(stored.body).toEqual(response.body);

      const audit = await auditRows('cluster.updated', cluster.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: ministry.id, actor_role: 'ministry', entity_type: 'cluster' });
      expect(audit[0].before).toMatchObject({
        memberCount: 246,
        nameEn: cluster.nameEn,
        industries: cluster.industries,
        organisationInn: cluster.organisationInn,
      });
      expect(audit[0].after).toMatchObject({
        memberCount: 300,
        nameEn: 'Renamed cluster',
        industries: ['IT'],
        organisationInn: cluster.organisationInn,
      });
    });

    it('lets an applicant edit its own cluster', async () => {
      const { cluster, user } = await applicantWithCluster();
      const response = await t
        .http()
        .patch(`${API}/${cluster.id}`)
        .set(user.auth)
        .send({ timeZone: 'Asia/Kamchatka', regionCode: 'RU-KAM' })
        .expect(200);
      expect(response.body).toMatchObject({ timeZone: 'Asia/Kamchatka', regionCode: 'RU-KAM' });
      const audit = await auditRows('cluster.updated', cluster.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: user.id, actor_role: 'applicant' });
      expect(audit[0].before).toMatchObject({ timeZone: 'Asia/Tomsk', regionCode: 'RU-TOM' });
      expect(audit[0].after).toMatchObject({ timeZone: 'Asia/Kamchatka', regionCode: 'RU-KAM' });
    });

    it.each([
      [{ organisationInn: '7707083893' }, ['organisationInn']],
      [{ organisationOgrn: '1027700132195' }, ['organisationOgrn']],
      [{ participantInns: [], memberCount: 5 }, ['participantInns']],
    ])('refuses an applicant changing its identity fields %o (403, ministry only, nothing written)', async (changes, fields) => {
      const { cluster, user } = await applicantWithCluster();
      const before = await t.counts();
      const response = await t.http().patch(`${API}/${cluster.id}`).set(user.auth).send(changes).expect(403);
      expect(response.body.error.code).toBe('CLUSTER_IDENTITY_LOCKED');
      expect(response.body.error.details.map((d: { field: string; rule: string }) => [d.field, d.rule])).toEqual(
        fields.map((field) => [field, 'ministryOnly']),
      );
      expect(await t.counts()).toEqual(before);
    });

    it('answers 404 to an applicant editing another cluster (existing or not), and changes nothing', async () => {
      const { user } = await applicantWithCluster();
      const other = await createCluster({ memberCount: 7 });
      const before = await t.counts();
      const response = await t.http().patch(`${API}/${other.id}`).set(user.auth).send({ memberCount: 8 }).expect(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
      await t.http().patch(`${API}/${randomUUID()}`).set(user.auth).send({ memberCount: 8 }).expect(404);
      expect(await t.counts()).toEqual(before);
      const { rows } = await t.db.query('SELECT member_count FROM clusters WHERE id = $1', [other.id]);
      expect(rows[0].member_count).toBe(7);
    });

    it('answers 404 to the ministry for a cluster that does not exist', async () => {
      const before = await t.counts();
      await t.http().patch(`${API}/${randomUUID()}`).set(ministry.auth).send({ memberCount: 8 }).expect(404);
      expect(await t.counts()).toEqual(before);
    });

    it('refuses an INN that belongs to another cluster with 409 CLUSTER_INN_TAKEN', async () => {
      const first = await createCluster();
      const second = await createCluster();
      const before = await t.counts();
      const response = await t
        .http()
        .patch(`${API}/${second.id}`)
        .set(ministry.auth)
        .send({ organisationInn: first.organisationInn })
        .expect(409);
      expect(response.body.error.code).toBe('CLUSTER_INN_TAKEN');
      expect(response.body.error.details[0]).toMatchObject({ field: 'organisationInn' });
      expect(await t.counts()).toEqual(before);
    });

    it('allows keeping the own INN', async () => {
      const cluster = await createCluster();
      await t
        .http()
        .patch(`${API}/${cluster.id}`)
        .set(ministry.auth)
        .send({ organisationInn: cluster.organisationInn, memberCount: 1 })
        .expect(200);
    });

    it('lets the new INN and OGRN be changed to valid ones', async () => {
      const cluster = await createCluster();
      const inn = anInn();
      const ogrn = anOgrn();
      const response = await t
        .http()
        .patch(`${API}/${cluster.id}`)
        .set(ministry.auth)
        .send({ organisationInn: inn, organisationOgrn: ogrn })
        .expect(200);
      expect(response.body).toMatchObject({ organisationInn: inn, organisationOgrn: ogrn });
    });

    describe('validation: 400 naming the field, nothing written', () => {
      let id: string;
      beforeAll(async () => (id = (await createCluster()).id));
      const patch = (body: Record<string, unknown>) => () => t.http().patch(`${API}/${id}`).set(ministry.auth).send(body);

      it.each([
        ['regionCode', 'RU-XXX'],
        ['regionCode', 'TOM'],
        ['timeZone', 'Europe/Paris'],
        ['timeZone', 'UTC+7'],
        ['organisationInn', '7707083894'],
        ['organisationOgrn', '1027700132194'],
        ['memberCount', -1],
        ['memberCount', 2.5],
        ['memberCount', 'ten'],
        ['memberCount', true],
        ['nameRu', '  '],
        ['nameEn', 'Tomsk\u0000cluster'],
        ['industries', ['x']],
        ['participantInns', ['7707083894']],
      ])('rejects %s = %p', async (field, value) => {
        await expectRejected(patch({ [field]: value }), field);
      });

      it.each([
        'nameRu',
        'nameEn',
        'regionCode',
        'timeZone',
        'organisationName',
        'organisationInn',
        'organisationOgrn',
        'memberCount',
        'industries',
        'participantInns',
      ])('rejects %s = null (a required value cannot be erased)', async (field) => {
        await expectRejected(patch({ [field]: null }), field);
      });

      it.each(['isDemo', 'id', 'createdAt', 'clusterId'])('rejects the unknown field %s (rule unknownField)', async (field) => {
        await expectRejected(patch({ [field]: field === 'isDemo' ? true : 'x' }), field, 'unknownField');
      });

      it('rejects a non-UUID id with 400 naming id', async () => {
        const response = await t.http().patch(`${API}/nope`).set(ministry.auth).send({ memberCount: 1 }).expect(400);
        expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'id' })]);
      });
    });
  });

  describe('DELETE /clusters/:id', () => {
    it('deletes an unused cluster with 204 and records cluster.deleted with the before state', async () => {
      const cluster = await createCluster();
      const response = await t.http().delete(`${API}/${cluster.id}`).set(ministry.auth).expect(204);
      expect(response.text).toBe('');
      const { rows } = await t.db.query('SELECT id FROM clusters WHERE id = $1', [cluster.id]);
      expect(rows).toEqual([]);
      const audit = await auditRows('cluster.deleted', cluster.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: ministry.id, actor_role: 'ministry', entity_type: 'cluster', after: null });
      expect(audit[0].before).toMatchObject({ id: cluster.id, organisationInn: cluster.organisationInn });
      await t.http().get(`${API}/${cluster.id}`).set(ministry.auth).expect(404);
      // The INN is free again.
      await t
        .http()
        .post(API)
        .set(ministry.auth)
        .send(aCluster({ organisationInn: cluster.organisationInn }))
        .expect(201);
    });

    it('refuses with 409 CLUSTER_IN_USE while an applicant account acts for the cluster, and deletes nothing', async () => {
      const { cluster } = await applicantWithCluster();
      const before = await t.counts();
      const response = await t.http().delete(`${API}/${cluster.id}`).set(ministry.auth).expect(409);
      expect(response.body.error.code).toBe('CLUSTER_IN_USE');
      expect(await t.counts()).toEqual(before);
      await t.http().get(`${API}/${cluster.id}`).set(ministry.auth).expect(200);
    });

    it('refuses also for a cluster registered by its applicant', async () => {
      const applicant = await t.user('applicant');
      const registered = await t.http().post(`${API}/register`).set(applicant.auth).send(aCluster()).expect(201);
      const response = await t.http().delete(`${API}/${registered.body.id}`).set(ministry.auth).expect(409);
      expect(response.body.error.code).toBe('CLUSTER_IN_USE');
    });

    it('answers 404 for a cluster that does not exist (also the second time)', async () => {
      const cluster = await createCluster();
      await t.http().delete(`${API}/${cluster.id}`).set(ministry.auth).expect(204);
      const before = await t.counts();
      const response = await t.http().delete(`${API}/${cluster.id}`).set(ministry.auth).expect(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
      expect(await t.counts()).toEqual(before);
    });

    it('rejects a non-UUID id with 400 naming id', async () => {
      const response = await t.http().delete(`${API}/42`).set(ministry.auth).expect(400);
      expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
    });

    it('is for the ministry only: an applicant cannot delete even its own cluster', async () => {
      const { cluster, user } = await applicantWithCluster();
      for (const caller of [user, auditor, commissioner]) {
        const response = await t.http().delete(`${API}/${cluster.id}`).set(caller.auth).expect(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
      await t.http().get(`${API}/${cluster.id}`).set(ministry.auth).expect(200);
    });
  });

  describe('access', () => {
    let id: string;
    beforeAll(async () => (id = (await createCluster()).id));

    const routes = () =>
      [
        ['POST', API, aCluster()],
        ['POST', `${API}/register`, aCluster()],
        ['GET', API, undefined],
        ['GET', `${API}/${id}`, undefined],
        ['PATCH', `${API}/${id}`, { memberCount: 1 }],
        ['DELETE', `${API}/${id}`, undefined],
      ] as const;

    const call = (method: string, url: string, body: unknown, headers: Record<string, string> = {}) => {
      const request = t.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete'](url).set(headers);
      return body === undefined ? request : request.send(body as object);
    };

    it('answers 403 to a commissioner on every cluster route, writing nothing', async () => {
      const before = await t.counts();
      const auditBefore = await clusterAuditCount();
      for (const [method, url, body] of routes()) {
        const response = await call(method, url, body, commissioner.auth);
        expect({ method, url, status: response.status }).toEqual({ method, url, status: 403 });
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
      expect(await t.counts()).toEqual(before);
      expect(await clusterAuditCount()).toBe(auditBefore);
    });

    it('answers 401 to an anonymous caller on every cluster route', async () => {
      const before = await t.counts();
      for (const [method, url, body] of routes()) {
        const response = await call(method, url, body);
        expect({ method, url, status: response.status }).toEqual({ method, url, status: 401 });
        expect(response.body.error.code).toBe('UNAUTHENTICATED');
      }
      expect(await t.counts()).toEqual(before);
    });

    it('answers 401 to an invalid token', async () => {
      const response = await t.http().get(API).set({ Authorization: 'Bearer not-a-real-token-at-all-000000' }).expect(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('keeps the auditor read-only', async () => {
      const before = await t.counts();
      await t.http().post(API).set(auditor.auth).send(aCluster()).expect(403);
      await t.http().patch(`${API}/${id}`).set(auditor.auth).send({ memberCount: 1 }).expect(403);
      await t.http().delete(`${API}/${id}`).set(auditor.auth).expect(403);
      expect(await t.counts()).toEqual(before);
    });

    it('does not let an applicant create clusters through the ministry route', async () => {
      const applicant = await t.user('applicant');
      const before = await t.counts();
      await t.http().post(API).set(applicant.auth).send(aCluster()).expect(403);
      expect(await t.counts()).toEqual(before);
    });
  });
});
