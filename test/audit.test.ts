import { aProgramme } from './support/factories';
import { createTestApp, TestApp, TestUser } from './support/test-app';

const API = '/api/v1';
type Body = Record<string, unknown>;

/** Runs SQL that must be refused by the append-only triggers. */
async function expectRefused(t: TestApp, sql: string) {
  await expect(t.db.query(sql)).rejects.toThrow(/append-only/);
}

/** Runs statements with the user triggers of audit_log switched off, as someone with the table owner's rights could. */
async function withTriggersDisabled(t: TestApp, sql: string) {
  const client = await t.db.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await client.query(sql);
    await client.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

const auditRowCount = async (t: TestApp) => (await t.db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n as number;

describe('audit log API', () => {
  let t: TestApp;
  let ministry: TestUser;
  let auditor: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    auditor = await t.user('auditor');
  });
  afterAll(() => t.close());

  const verify = (as: TestUser = auditor) => t.http().get(`${API}/audit/verify`).set(as.auth).expect(200);

  describe('reading', () => {
    it('is for ministry staff and auditors only', async () => {
      const applicant = await t.user('applicant');
      const commissioner = await t.user('commissioner');
      for (const path of ['/audit', '/audit/verify']) {
        for (const user of [applicant, commissioner]) {
          const response = await t.http().get(`${API}${path}`).set(user.auth).expect(403);
          expect(response.body.error.code).toBe('FORBIDDEN');
        }
        const anonymous = await t.http().get(`${API}${path}`).expect(401);
        expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
        await t.http().get(`${API}${path}`).set(ministry.auth).expect(200);
        await t.http().get(`${API}${path}`).set(auditor.auth).expect(200);
      }
    });

    it('lists entries newest first with the chain fields', async () => {
      const programme = await t
        .http()
        .post(`${API}/programmes`)
        .set(ministry.auth)
        .set('X-Request-Id', 'audit-test-1')
        .send(aProgramme())
        .expect(201);
      const response = await t.http().get(`${API}/audit?pageSize=200`).set(auditor.auth).expect(200);
      const { items, total } = response.body;
      expect(total).toBe(await auditRowCount(t));
      expect(items).toHaveLength(total);
      expect(items.map((e: Body) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => total - i));
      expect(items[0]).toEqual({
        seq: total,
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        actorId: ministry.id,
        actorRole: 'ministry',
        action: 'programme.created',
        entityType: 'programme',
        entityId: programme.body.id,
        before: null,
        after: expect.objectContaining({ code: programme.body.code, budgetKopecks: '250000000000' }),
        requestId: 'audit-test-1',
        prevHash: items[1].hash,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(items[total - 1].prevHash).toBe('0'.repeat(64));
      for (let i = 0; i < items.length - 1; i++) expect(items[i].prevHash).toBe(items[i + 1].hash);
      expect(Math.abs(Date.parse(items[0].at) - Date.now())).toBeLessThan(60_000);
    });

    it('pages and filters', async () => {
      const programme = await t.http().post(`${API}/programmes`).set(ministry.auth).send(aProgramme()).expect(201);
      await t.http().patch(`${API}/programmes/${programme.body.id}`).set(ministry.auth).send({ titleEn: 'Renamed' }).expect(200);
      const total = await auditRowCount(t);

      const page2 = await t.http().get(`${API}/audit?page=2&pageSize=2`).set(auditor.auth).expect(200);
      expect(page2.body.total).toBe(total);
      expect(page2.body.items.map((e: Body) => e.seq)).toEqual([total - 2, total - 3]);

      const byEntity = await t.http().get(`${API}/audit?entityType=programme&entityId=${programme.body.id}`).set(auditor.auth).expect(200);
      expect(byEntity.body.items.map((e: Body) => e.action)).toEqual(['programme.updated', 'programme.created']);
      expect(byEntity.body.total).toBe(2);
      expect(byEntity.body.items[0].before).toMatchObject({ titleEn: programme.body.titleEn });
      expect(byEntity.body.items[0].after).toMatchObject({ titleEn: 'Renamed' });

      const byAction = await t.http().get(`${API}/audit?action=programme.updated`).set(auditor.auth).expect(200);
      expect(byAction.body.items.every((e: Body) => e.action === 'programme.updated')).toBe(true);
      expect(byAction.body.total).toBeGreaterThanOrEqual(1);

      const byActor = await t.http().get(`${API}/audit?actorId=${auditor.id}`).set(auditor.auth).expect(200);
      expect(byActor.body.items.every((e: Body) => e.actorId === auditor.id)).toBe(true);

      await t.http().get(`${API}/audit?entityType=bogus`).set(auditor.auth).expect(400);
      await t.http().get(`${API}/audit?actorId=not-a-uuid`).set(auditor.auth).expect(400);
      await t.http().get(`${API}/audit?pageSize=0`).set(auditor.auth).expect(400);
      await t.http().get(`${API}/audit?colour=red`).set(auditor.auth).expect(400);
    });

    it('records nothing for a rejected request', async () => {
      const before = await auditRowCount(t);
      await t
        .http()
        .post(`${API}/programmes`)
        .set(ministry.auth)
        .send(aProgramme({ budgetKopecks: '1.5' }))
        .expect(400);
      await t.http().post(`${API}/programmes`).set(auditor.auth).send(aProgramme()).expect(403);
      expect(await auditRowCount(t)).toBe(before);
    });

    it('verifies an intact chain', async () => {
      const response = await verify();
      const { rows } = await t.db.query('SELECT count(*)::int AS n, max(seq)::int AS head FROM audit_log');
      expect(response.body).toEqual({ valid: true, checkedRows: rows[0].n, headSeq: rows[0].head, firstBrokenSeq: null, problem: null });
      await verify(ministry);
    });
  });

  describe('append-only in the database', () => {
    it('refuses UPDATE, DELETE and TRUNCATE of audit_log, and leaves the chain intact', async () => {
      const before = await auditRowCount(t);
      await expectRefused(t, `UPDATE audit_log SET action = 'forged' WHERE seq = 1`);
      await expectRefused(t, `UPDATE audit_log SET after = '{"x":1}'`);
      await expectRefused(t, `DELETE FROM audit_log WHERE seq = 1`);
      await expectRefused(t, `DELETE FROM audit_log`);
      await expectRefused(t, `TRUNCATE audit_log`);
      expect(await auditRowCount(t)).toBe(before);
      const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE seq = 1`);
      expect(rows[0].action).not.toBe('forged');
      expect((await verify()).body.valid).toBe(true);
    });

    it('refuses DELETE and TRUNCATE of the chain head', async () => {
      await expectRefused(t, `DELETE FROM audit_chain_head`);
      await expectRefused(t, `TRUNCATE audit_chain_head`);
    });

    it('chains a direct INSERT itself, whatever seq and hashes it claims', async () => {
      const before = await auditRowCount(t);
      await t.db.query(
        `INSERT INTO audit_log (seq, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
         VALUES (999, NULL, 'system', 'test.inserted', 'programme', NULL, NULL, '{"x":1}', NULL, 'forged', 'forged')`,
      );
      const { rows } = await t.db.query(`SELECT seq::int AS seq, hash FROM audit_log WHERE action = 'test.inserted'`);
      expect(rows).toEqual([{ seq: before + 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
      expect((await verify()).body).toMatchObject({ valid: true, checkedRows: before + 1 });
    });
  });

  describe('concurrent writers', () => {
    it('leave one gap-free chain that verifies', async () => {
      const before = await auditRowCount(t);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => t.http().post(`${API}/programmes`).set(ministry.auth).send(aProgramme())),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      const { rows } = await t.db.query(`SELECT seq::int AS seq, entity_id FROM audit_log ORDER BY seq`);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: before + 20 }, (_, i) => i + 1));
      const created = rows
        .slice(before)
        .map((r) => r.entity_id)
        .sort();
      expect(created).toEqual(responses.map((r) => r.body.id).sort());
      expect((await verify()).body).toEqual({
        valid: true,
        checkedRows: before + 20,
        headSeq: before + 20,
        firstBrokenSeq: null,
        problem: null,
      });
    });

    it('leave a gap-free chain when some writers fail and roll back', async () => {
      const before = await auditRowCount(t);
      const code = aProgramme().code;
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t
            .http()
            .post(`${API}/programmes`)
            .set(ministry.auth)
            .send(i % 2 ? aProgramme() : aProgramme({ code })),
        ),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(6);
      expect(statuses.filter((s) => s === 409)).toHaveLength(4);
      const { rows } = await t.db.query(`SELECT seq::int AS seq FROM audit_log ORDER BY seq`);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: before + 6 }, (_, i) => i + 1));
      expect((await verify()).body.valid).toBe(true);
    });
  });
});

describe('audit log tamper detection', () => {
  let t: TestApp;
  let auditor: TestUser;

  beforeEach(async () => {
    t = await createTestApp();
    const ministry = await t.user('ministry');
    auditor = await t.user('auditor');
    for (let i = 0; i < 3; i++) await t.http().post(`${API}/programmes`).set(ministry.auth).send(aProgramme()).expect(201);
  });
  afterEach(() => t.close());

  const verify = () => t.http().get(`${API}/audit/verify`).set(auditor.auth).expect(200);

  it('starts from an intact chain', async () => {
    expect((await verify()).body).toMatchObject({ valid: true, firstBrokenSeq: null });
  });

  it('detects an edited row (the brief’s exact statements) and is valid again once the edit is undone', async () => {
    const { rows } = await t.db.query(`SELECT after FROM audit_log WHERE seq = 2`);
    await t.db.query(
      `ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET after = '{"x":1}' WHERE seq = 2; ALTER TABLE audit_log ENABLE TRIGGER USER;`,
    );
    const broken = await verify();
    expect(broken.body).toMatchObject({ valid: false, firstBrokenSeq: 2, problem: expect.stringMatching(/content/) });
    await withTriggersDisabled(t, `UPDATE audit_log SET after = '${JSON.stringify(rows[0].after).replace(/'/g, "''")}' WHERE seq = 2`);
    expect((await verify()).body).toMatchObject({ valid: true, firstBrokenSeq: null });
  });

  it.each([
    ['actor', `UPDATE audit_log SET actor_id = NULL, actor_role = 'system' WHERE seq = $HEAD`],
    ['time', `UPDATE audit_log SET at = at - interval '1 day' WHERE seq = $HEAD`],
    ['action', `UPDATE audit_log SET action = 'auth.logout' WHERE seq = $HEAD`],
    ['entity', `UPDATE audit_log SET entity_id = 'someone-else' WHERE seq = $HEAD`],
    ['before', `UPDATE audit_log SET before = '{"status":"draft"}' WHERE seq = $HEAD`],
    ['request id', `UPDATE audit_log SET request_id = 'other' WHERE seq = $HEAD`],
  ])('detects an edited %s', async (_, sql) => {
    // The newest row: a programme created by a ministry user, so every column has a value to forge.
    const { rows } = await t.db.query(`SELECT seq::int AS seq, actor_id, action FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(rows[0]).toMatchObject({ action: 'programme.created', actor_id: expect.any(String) });
    await withTriggersDisabled(t, sql.replace('$HEAD', String(rows[0].seq)));
    expect((await verify()).body).toMatchObject({ valid: false, firstBrokenSeq: rows[0].seq });
  });

  it('detects a row whose hash was recomputed to hide an edit (the next link breaks)', async () => {
    await withTriggersDisabled(
      t,
      `UPDATE audit_log SET after = '{"x":1}' WHERE seq = 2;
       UPDATE audit_log SET hash = audit_log_hash(prev_hash, seq, at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id) WHERE seq = 2`,
    );
    expect((await verify()).body).toMatchObject({ valid: false, firstBrokenSeq: 3, problem: expect.stringMatching(/link/) });
  });

  it('detects a row deleted from the middle', async () => {
    await withTriggersDisabled(t, `DELETE FROM audit_log WHERE seq = 2`);
    expect((await verify()).body).toMatchObject({ valid: false, firstBrokenSeq: 3 });
  });

  it('detects the last rows deleted', async () => {
    const { rows } = await t.db.query(`SELECT max(seq)::int AS head FROM audit_log`);
    const head = rows[0].head as number;
    await t.db.query(
      `ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE seq > ${head - 2}; ALTER TABLE audit_log ENABLE TRIGGER USER;`,
    );
    expect((await verify()).body).toMatchObject({
      valid: false,
      headSeq: head,
      checkedRows: head - 2,
      firstBrokenSeq: head - 1,
      problem: expect.stringMatching(/missing/),
    });
  });

  it('detects every row deleted', async () => {
    await withTriggersDisabled(t, `DELETE FROM audit_log`);
    expect((await verify()).body).toMatchObject({ valid: false, checkedRows: 0, firstBrokenSeq: 1 });
  });

  it('detects a forged chain head', async () => {
    await t.db.query(`UPDATE audit_chain_head SET last_hash = repeat('f', 64)`);
    expect((await verify()).body).toMatchObject({ valid: false });
  });
});
