import { aProgramme } from './support/factories';
import { createTestApp, TestApp, TestUser } from './support/test-app';

const API = '/api/v1';
type Body = Record<string, unknown>;

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const detail = (field: string, rule: string) => expect.objectContaining({ field, rule });

describe('programmes API', () => {
  let t: TestApp;
  let ministry: TestUser;
  let auditor: TestUser;
  let applicant: TestUser;
  let commissioner: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    auditor = await t.user('auditor');
    applicant = await t.user('applicant');
    commissioner = await t.user('commissioner');
  });
  afterAll(() => t.close());

  const create = (body: Body = aProgramme(), as: TestUser = ministry) => t.http().post(`${API}/programmes`).set(as.auth).send(body);
  const patch = (id: string, body: Body) => t.http().patch(`${API}/programmes/${id}`).set(ministry.auth).send(body);
  const setStatus = (id: string, status: string, reason?: string) =>
    t
      .http()
      .post(`${API}/programmes/${id}/status`)
      .set(ministry.auth)
      .send(reason ? { status, reason } : { status });
  const newVersion = (id: string, body: Body) => t.http().post(`${API}/programmes/${id}/rule-versions`).set(ministry.auth).send(body);

  async function aDraft(overrides: Body = {}): Promise<Body & { id: string }> {
    const response = await create(aProgramme(overrides));
    expect(response.status).toBe(201);
    return response.body;
  }

  async function anOpenProgramme(overrides: Body = {}): Promise<Body & { id: string }> {
    const draft = await aDraft(overrides);
    const opened = await setStatus(draft.id, 'open');
    expect(opened.status).toBe(200);
    return opened.body;
  }

  const dbNow = async () => (await t.db.query('SELECT now() AS now')).rows[0].now as Date;

  /** Sends a body (raw JSON text allowed) and expects a 400 naming field and rule, with nothing written. */
  async function expectRejected(body: Body | string, field: string, rule: string, send = (b: Body | string) => create(b as Body)) {
    const before = await t.counts();
    const response = await send(body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: { code: expect.any(String), message: expect.any(String), details: expect.arrayContaining([detail(field, rule)]) },
      requestId: expect.any(String),
    });
    expect(await t.counts()).toEqual(before);
    return response;
  }

  const rawCreate = (json: string) =>
    t.http().post(`${API}/programmes`).set(ministry.auth).set('Content-Type', 'application/json').send(json);

  describe('creating a draft', () => {
    it('needs only code and titles; the draft gets defaults and is audited', async () => {
      const before = await t.counts();
      const response = await create({ code: 'MIN-2030', titleRu: 'Минимальная', titleEn: 'Minimal' }).expect(201);
      expect(response.body).toMatchObject({
        id: expect.any(String),
        code: 'MIN-2030',
        status: 'draft',
        rulesVersion: 0,
        title: 'Минимальная',
        budgetKopecks: null,
        opensAt: null,
        closesAt: null,
        criteria: [],
        costCategories: [
          'specialised-organisation',
          'training-and-education',
          'joint-rnd',
          'exhibitions-and-promotion',
          'innovation-infrastructure',
        ],
        allocationPolicy: 'greedy-skip',
        isDemo: false,
      });
      const after = await t.counts();
      expect(after.programmes).toBe(before.programmes + 1);
      expect(after.audit_log).toBe(before.audit_log + 1);
      const { rows } = await t.db.query(`SELECT actor_id, action, after FROM audit_log WHERE entity_id = $1`, [response.body.id]);
      expect(rows).toEqual([{ actor_id: ministry.id, action: 'programme.created', after: expect.objectContaining({ code: 'MIN-2030' }) }]);
    });

    it('stores a complete programme with criteria and checklist', async () => {
      const body = aProgramme();
      const response = await create(body).expect(201);
      expect(response.body).toMatchObject({
        code: body.code,
        budgetKopecks: '250000000000',
        maxFederalPerBidKopecks: '20000000000',
        maxFederalPerClusterKopecks: '25000000000',
        fundingYears: [2027, 2028],
        criteria: [
          expect.objectContaining({ code: 'quality', weight: 60, scaleMin: 0, scaleMax: 5, scaleStep: 0.5, minScore: 1 }),
          expect.objectContaining({ code: 'cofinancing', weight: 40, minScore: null }),
        ],
        eligibilityChecklist: [expect.objectContaining({ code: 'so' })],
        disagreementThreshold: 2,
      });
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM criteria WHERE programme_id = $1`, [response.body.id]);
      expect(rows[0].n).toBe(2);
    });

    it('accepts kopecks as a big integer string and returns them exactly (no float on the way)', async () => {
      const response = await create(aProgramme({ budgetKopecks: '250000000000' })).expect(201);
      expect(response.body.budgetKopecks).toBe('250000000000');
      // The largest amount allowed (10 trillion roubles) and one just under it come back digit for digit.
      const ceiling = await create({ code: 'BIG-1', titleRu: 'Большой', titleEn: 'Big', budgetKopecks: '1000000000000000' }).expect(201);
      expect(ceiling.body.budgetKopecks).toBe('1000000000000000');
      const odd = await create({ code: 'BIG-2', titleRu: 'Большой', titleEn: 'Big', budgetKopecks: '999999999999999' }).expect(201);
      const fetched = await t.http().get(`${API}/programmes/${odd.body.id}`).set(ministry.auth).expect(200);
      expect(fetched.body.budgetKopecks).toBe('999999999999999');
      const { rows } = await t.db.query(`SELECT budget_kopecks::text AS b FROM programmes WHERE id = $1`, [odd.body.id]);
      expect(rows[0].b).toBe('999999999999999');
    });

    it('accepts kopecks as a safe JSON integer but always answers with a decimal string', async () => {
      const response = await create(aProgramme({ budgetKopecks: 250000000000, maxFederalPerBidKopecks: 20000000000 })).expect(201);
      expect(response.body.budgetKopecks).toBe('250000000000');
      expect(response.body.maxFederalPerBidKopecks).toBe('20000000000');
      const listed = await t.http().get(`${API}/programmes`).set(ministry.auth).expect(200);
      expect(listed.body.items.find((p: Body) => p.id === response.body.id).budgetKopecks).toBe('250000000000');
    });

    it('normalises an integer string with leading zeros', async () => {
      const response = await create({ code: 'ZEROS-1', titleRu: 'Нули', titleEn: 'Zeros', budgetKopecks: '000100' }).expect(201);
      expect(response.body.budgetKopecks).toBe('100');
    });

    it.each([
      ['negative', -100],
      ['negative string', '-100'],
      ['fractional number', 1.5],
      ['fractional string', '1.5'],
      ['non-numeric string', 'lots'],
      ['empty string', ''],
      ['numeric string with spaces', ' 100'],
      ['exponent string', '1e10'],
      ['boolean', true],
      ['zero', 0],
      ['too many digits', '12345678901234567890'],
      ['above the 10-trillion-rouble ceiling', '1000000000000001'],
    ])('rejects budgetKopecks %s with rule isKopecks', async (_, value) => {
      await expectRejected(aProgramme({ budgetKopecks: value }), 'budgetKopecks', 'isKopecks');
    });

    it('rejects kopecks beyond the safe integer range sent as a JSON number', async () => {
      const json = JSON.stringify(aProgramme({ budgetKopecks: 0 })).replace('"budgetKopecks":0', '"budgetKopecks":9007199254740993');
      expect(json).toContain('9007199254740993');
      await expectRejected(json, 'budgetKopecks', 'isKopecks', (b) => rawCreate(b as string));
      const huge = JSON.stringify(aProgramme({ budgetKopecks: 0 })).replace('"budgetKopecks":0', '"budgetKopecks":1e21');
      await expectRejected(huge, 'budgetKopecks', 'isKopecks', (b) => rawCreate(b as string));
    });

    it.each(['maxFederalPerBidKopecks', 'maxFederalPerClusterKopecks'])('rejects bad kopecks in %s', async (field) => {
      await expectRejected(aProgramme({ [field]: '1.5' }), field, 'isKopecks');
      await expectRejected(aProgramme({ [field]: -1 }), field, 'isKopecks');
    });

    it.each([
      ['isDemo', true],
      ['status', 'open'],
      ['rulesVersion', 3],
      ['id', '00000000-0000-0000-0000-000000000000'],
      ['createdAt', '2020-01-01T00:00:00Z'],
      ['budget', '100'],
    ])('rejects the unknown or server-owned field %s with rule unknownField', async (field, value) => {
      await expectRejected(aProgramme({ [field]: value }), field, 'unknownField');
    });

    it.each(['criteria', 'sections', 'attachmentKinds', 'eligibilityChecklist', 'tieBreakChain'])(
      'rejects %s elements that are not objects',
      async (field) => {
        await expectRejected(aProgramme({ [field]: [[]] }), field, 'isObject');
        await expectRejected(aProgramme({ [field]: [null] }), field, 'isObject');
        await expectRejected(aProgramme({ [field]: 'x' }), field, 'isArray');
      },
    );

    it('rejects unknown fields inside criteria', async () => {
      const criteria = [{ ...(aProgramme().criteria as Body[])[0], weight: 100, colour: 'red' }];
      await expectRejected(aProgramme({ criteria }), 'criteria[0].colour', 'unknownField');
    });

    it('rejects a missing code or titles', async () => {
      await expectRejected({ titleRu: 'Без кода', titleEn: 'No code' }, 'code', 'matches');
      await expectRejected({ code: 'NO-TITLE' }, 'titleRu', 'isLength');
      await expectRejected({ code: 'lower-case', titleRu: 'Код', titleEn: 'Code' }, 'code', 'matches');
    });

    it('rejects closesAt before (or at) opensAt with rule afterOpensAt', async () => {
      await expectRejected(aProgramme({ opensAt: '2027-03-01T00:00:00Z', closesAt: '2027-02-01T00:00:00Z' }), 'closesAt', 'afterOpensAt');
      await expectRejected(
        aProgramme({ opensAt: '2027-03-01T00:00:00Z', closesAt: '2027-03-01T03:00:00+03:00' }),
        'closesAt',
        'afterOpensAt',
      );
    });

    it('rejects instants without an offset or that are not dates', async () => {
      await expectRejected(aProgramme({ closesAt: '2026-12-01T10:00:00' }), 'closesAt', 'matches');
      await expectRejected(aProgramme({ opensAt: '2026-12-01' }), 'opensAt', 'matches');
      await expectRejected(aProgramme({ closesAt: '2027-02-30T10:00:00Z' }), 'closesAt', 'isIso8601');
      await expectRejected(aProgramme({ closesAt: 1767225600000 }), 'closesAt', 'isIso8601');
    });

    it('accepts an instant with an offset and stores it as one UTC instant', async () => {
      const response = await create(aProgramme({ opensAt: '2026-07-29T09:00:00+03:00', closesAt: '2036-09-26T23:59:59+03:00' })).expect(
        201,
      );
      expect(response.body.opensAt).toBe('2026-07-29T06:00:00.000Z');
      expect(response.body.closesAt).toBe('2036-09-26T20:59:59.000Z');
    });

    it('rejects criteria weights that do not add up to 100', async () => {
      const criteria = (aProgramme().criteria as Body[]).map((c) => ({ ...c, weight: 30 }));
      const response = await expectRejected(aProgramme({ criteria }), 'criteria', 'weightsSumTo100');
      expect(response.body.error.code).toBe('PROGRAMME_RULES_INVALID');
    });

    it('rejects a scaleStep that does not divide the scale', async () => {
      const criteria = [{ code: 'q', titleRu: 'Качество', titleEn: 'Quality', weight: 100, scaleMin: 0, scaleMax: 5, scaleStep: 2 }];
      await expectRejected(aProgramme({ criteria }), 'criteria[0].scaleStep', 'dividesScale');
    });

    it('rejects a scale whose max is not above its min', async () => {
      const criteria = [{ code: 'q', titleRu: 'Качество', titleEn: 'Quality', weight: 100, scaleMin: 5, scaleMax: 5, scaleStep: 1 }];
      await expectRejected(aProgramme({ criteria }), 'criteria[0].scaleMax', 'greaterThanScaleMin');
    });

    it('rejects a minScore that is off the step or off the scale', async () => {
      const base = { code: 'q', titleRu: 'Качество', titleEn: 'Quality', weight: 100, scaleMin: 0, scaleMax: 5, scaleStep: 0.5 };
      await expectRejected(aProgramme({ criteria: [{ ...base, minScore: 1.25 }] }), 'criteria[0].minScore', 'onStep');
      await expectRejected(aProgramme({ criteria: [{ ...base, minScore: 6 }] }), 'criteria[0].minScore', 'withinScale');
      await expectRejected(aProgramme({ criteria: [{ ...base, minScore: 1.234 }] }), 'criteria[0].minScore', 'isNumber');
    });

    it('rejects duplicate criterion codes', async () => {
      const criteria = (aProgramme().criteria as Body[]).map((c) => ({ ...c, code: 'same' }));
      await expectRejected(aProgramme({ criteria }), 'criteria[1].code', 'unique');
    });

    it('rejects duplicate eligibility item codes', async () => {
      const item = { code: 'so', textRu: 'Пункт', textEn: 'Item' };
      await expectRejected(aProgramme({ eligibilityChecklist: [item, item] }), 'eligibilityChecklist[1].code', 'unique');
    });

    it('rejects a tie-break naming an unknown criterion, or a criterion tie-break without one', async () => {
      await expectRejected(
        aProgramme({ tieBreakChain: [{ rule: 'criterion', criterionCode: 'nope' }] }),
        'tieBreakChain[0].criterionCode',
        'knownCriterion',
      );
      await expectRejected(aProgramme({ tieBreakChain: [{ rule: 'criterion' }] }), 'tieBreakChain[0].criterionCode', 'required');
      await expectRejected(aProgramme({ tieBreakChain: [{ rule: 'lottery' }] }), 'tieBreakChain[0].rule', 'isIn');
    });

    it('accepts a tie-break naming a known criterion', async () => {
      const response = await create(
        aProgramme({ tieBreakChain: [{ rule: 'criterion', criterionCode: 'quality' }, { rule: 'smaller-request' }] }),
      ).expect(201);
      expect(response.body.tieBreakChain).toEqual([{ rule: 'criterion', criterionCode: 'quality' }, { rule: 'smaller-request' }]);
    });

    it('rejects partial-marginal without partialMinShareBasisPoints and select-top-n without selectTopN', async () => {
      await expectRejected(aProgramme({ allocationPolicy: 'partial-marginal' }), 'partialMinShareBasisPoints', 'requiredForPolicy');
      await expectRejected(aProgramme({ allocationPolicy: 'select-top-n' }), 'selectTopN', 'requiredForPolicy');
      await create(aProgramme({ allocationPolicy: 'partial-marginal', partialMinShareBasisPoints: 5000 })).expect(201);
    });

    it('rejects caps above the budget with rule notAboveBudget', async () => {
      await expectRejected(aProgramme({ maxFederalPerBidKopecks: '250000000001' }), 'maxFederalPerBidKopecks', 'notAboveBudget');
      await expectRejected(aProgramme({ maxFederalPerClusterKopecks: '250000000001' }), 'maxFederalPerClusterKopecks', 'notAboveBudget');
      await create(aProgramme({ maxFederalPerBidKopecks: '250000000000', maxFederalPerClusterKopecks: '250000000000' })).expect(201);
    });

    it('rejects a minWeightedTotal outside the weighted range', async () => {
      await expectRejected(aProgramme({ minWeightedTotal: 5.5 }), 'minWeightedTotal', 'withinRange');
    });

    it('reports every problem at once', async () => {
      const criteria = (aProgramme().criteria as Body[]).map((c) => ({ ...c, weight: 10 }));
      const response = await expectRejected(
        aProgramme({ criteria, maxFederalPerBidKopecks: '999999999999', allocationPolicy: 'partial-marginal' }),
        'criteria',
        'weightsSumTo100',
      );
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([
          detail('maxFederalPerBidKopecks', 'notAboveBudget'),
          detail('partialMinShareBasisPoints', 'requiredForPolicy'),
        ]),
      );
    });

    it('answers a duplicate code with 409 PROGRAMME_CODE_TAKEN and writes nothing', async () => {
      const body = aProgramme();
      await create(body).expect(201);
      const before = await t.counts();
      const response = await create({ ...aProgramme(), code: body.code }).expect(409);
      expect(response.body.error).toMatchObject({ code: 'PROGRAMME_CODE_TAKEN', details: [detail('code', 'unique')] });
      expect(await t.counts()).toEqual(before);
    });

    it('answers the same code sent twice at once with one 201 and one 409', async () => {
      const body = aProgramme();
      const responses = await Promise.all([create(body), create(body)]);
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    });

    it('is for ministry staff only', async () => {
      const before = await t.counts();
      for (const user of [applicant, commissioner, auditor]) {
        const response = await create(aProgramme(), user).expect(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
      const anonymous = await t.http().post(`${API}/programmes`).send(aProgramme()).expect(401);
      expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
      expect(await t.counts()).toEqual(before);
    });
  });

  describe('editing a draft', () => {
    it('changes only the fields sent and is audited with before and after', async () => {
      const draft = await aDraft();
      const response = await patch(draft.id, { titleEn: 'Renamed', budgetKopecks: '300000000000' }).expect(200);
      expect(response.body).toMatchObject({
        titleEn: 'Renamed',
        titleRu: draft.titleRu,
        budgetKopecks: '300000000000',
        criteria: draft.criteria,
      });
      const { rows } = await t.db.query(`SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'programme.updated'`, [
        draft.id,
      ]);
      expect(rows).toHaveLength(1);
      expect(rows[0].before).toMatchObject({ titleEn: draft.titleEn, budgetKopecks: '250000000000' });
      expect(rows[0].after).toMatchObject({ titleEn: 'Renamed', budgetKopecks: '300000000000' });
    });

    it('replaces lists whole and keeps the ids of criteria whose code stays', async () => {
      const draft = await aDraft();
      const ids = async () =>
        Object.fromEntries(
          (await t.db.query(`SELECT code, id FROM criteria WHERE programme_id = $1`, [draft.id])).rows.map((r) => [r.code, r.id]),
        );
      const before = await ids();
      const criteria = [
        { code: 'quality', titleRu: 'Качество', titleEn: 'Quality', weight: 70, scaleMin: 0, scaleMax: 5, scaleStep: 0.5 },
        { code: 'impact', titleRu: 'Эффект', titleEn: 'Impact', weight: 30, scaleMin: 1, scaleMax: 9, scaleStep: 1 },
      ];
      const response = await patch(draft.id, { criteria }).expect(200);
      expect(response.body.criteria.map((c: Body) => c.code)).toEqual(['quality', 'impact']);
      const after = await ids();
      expect(after.quality).toBe(before.quality);
      expect(after.cofinancing).toBeUndefined();
      expect(after.impact).toEqual(expect.any(String));
    });

    it('rejects an edit that makes the rules contradictory and changes nothing', async () => {
      const draft = await aDraft();
      await expectRejected({ closesAt: '2000-01-01T00:00:00Z' }, 'closesAt', 'afterOpensAt', (b) => patch(draft.id, b as Body));
      await expectRejected({ budgetKopecks: '100' }, 'maxFederalPerBidKopecks', 'notAboveBudget', (b) => patch(draft.id, b as Body));
      await expectRejected({ code: 'NEW-CODE' }, 'code', 'unknownField', (b) => patch(draft.id, b as Body));
      const fetched = await t.http().get(`${API}/programmes/${draft.id}`).set(ministry.auth).expect(200);
      expect(fetched.body).toMatchObject({ closesAt: draft.closesAt, budgetKopecks: '250000000000' });
    });

    it.each([
      ['titleRu', null],
      ['descriptionEn', null],
      ['fundingYears', null],
      ['costCategories', null],
      ['criteria', null],
      ['eligibilityChecklist', null],
      ['tieBreakChain', null],
      ['sections', null],
      ['singleActiveBid', null],
      ['reviewersPerBid', null],
      ['minCofinancingBasisPoints', null],
      ['aggregation', null],
      ['allocationPolicy', null],
      ['appealWindowDays', null],
    ])('rejects null for the required field %s with 400, never 500', async (field, value) => {
      const draft = await aDraft();
      const before = await t.counts();
      const response = await patch(draft.id, { [field]: value });
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await t.counts()).toEqual(before);
    });

    it('accepts null to clear an optional value of a draft', async () => {
      const draft = await aDraft({ minWeightedTotal: 2 });
      const response = await patch(draft.id, {
        minWeightedTotal: null,
        budgetKopecks: null,
        maxFederalPerBidKopecks: null,
        maxFederalPerClusterKopecks: null,
      }).expect(200);
      expect(response.body).toMatchObject({ minWeightedTotal: null, budgetKopecks: null });
    });

    it('answers 404 for an unknown programme and 400 for an id that is not a UUID', async () => {
      await patch('00000000-0000-4000-8000-000000000000', { titleEn: 'Nothing' }).expect(404);
      const response = await patch('not-a-uuid', { titleEn: 'Nothing' }).expect(400);
      expect(response.body.error.details).toEqual([detail('id', 'isUuid')]);
    });

    it('is for ministry staff only', async () => {
      const draft = await aDraft();
      await t.http().patch(`${API}/programmes/${draft.id}`).set(auditor.auth).send({ titleEn: 'X' }).expect(403);
      await t.http().patch(`${API}/programmes/${draft.id}`).set(applicant.auth).send({ titleEn: 'X' }).expect(403);
      await t.http().patch(`${API}/programmes/${draft.id}`).send({ titleEn: 'X' }).expect(401);
    });
  });

  describe('opening', () => {
    it('freezes the rules as version 1, audits it and lists the version', async () => {
      const draft = await aDraft();
      const before = await t.counts();
      const response = await setStatus(draft.id, 'open', 'Call announced').expect(200);
      expect(response.body).toMatchObject({ status: 'open', rulesVersion: 1 });
      const after = await t.counts();
      expect(after.rule_versions).toBe(before.rule_versions + 1);
      expect(after.audit_log).toBe(before.audit_log + 1);
      const versions = await t.http().get(`${API}/programmes/${draft.id}/rule-versions`).expect(200);
      expect(versions.body).toEqual({
        items: [
          {
            version: 1,
            reason: 'Call announced',
            createdBy: ministry.id,
            createdAt: expect.any(String),
            rules: expect.objectContaining({ code: draft.code, closesAt: draft.closesAt }),
          },
        ],
        total: 1,
      });
      const { rows } = await t.db.query(
        `SELECT before, after, actor_id FROM audit_log WHERE entity_id = $1 AND action = 'programme.status_changed'`,
        [draft.id],
      );
      expect(rows).toEqual([
        { before: { status: 'draft' }, after: { status: 'open', reason: 'Call announced', rulesVersion: 1 }, actor_id: ministry.id },
      ]);
    });

    it('lists every missing field of an incomplete draft with 422 and changes nothing', async () => {
      const draft = await create({ code: 'EMPTY-1', titleRu: 'Пустая', titleEn: 'Empty' }).expect(201);
      const before = await t.counts();
      const response = await setStatus(draft.body.id, 'open').expect(422);
      expect(response.body.error.code).toBe('PROGRAMME_NOT_READY_TO_OPEN');
      const fields = response.body.error.details.map((d: Body) => d.field).sort();
      expect(fields).toEqual(
        [
          'opensAt',
          'closesAt',
          'budgetKopecks',
          'maxFederalPerBidKopecks',
          'maxFederalPerClusterKopecks',
          'fundingYears',
          'criteria',
          'eligibilityChecklist',
          'disagreementThreshold',
        ].sort(),
      );
      expect(response.body.error.details.every((d: Body) => d.rule === 'requiredToOpen')).toBe(true);
      expect(await t.counts()).toEqual(before);
      const fetched = await t.http().get(`${API}/programmes/${draft.body.id}`).set(ministry.auth).expect(200);
      expect(fetched.body).toMatchObject({ status: 'draft', rulesVersion: 0 });
    });

    it('refuses to open a call whose deadline has passed', async () => {
      const draft = await aDraft({ opensAt: inDays(-10), closesAt: inDays(-1) });
      const response = await setStatus(draft.id, 'open').expect(422);
      expect(response.body.error.details).toEqual([detail('closesAt', 'inFuture')]);
    });

    it('opens a select-top-n call without any budget', async () => {
      const draft = await aDraft({ allocationPolicy: 'select-top-n', selectTopN: 11 });
      await patch(draft.id, { budgetKopecks: null, maxFederalPerBidKopecks: null, maxFederalPerClusterKopecks: null }).expect(200);
      await setStatus(draft.id, 'open').expect(200);
    });

    it('answers two simultaneous opens with one success and one 409, and one version 1', async () => {
      const draft = await aDraft();
      const responses = await Promise.all([setStatus(draft.id, 'open'), setStatus(draft.id, 'open')]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const { rows } = await t.db.query(`SELECT version FROM programme_rule_versions WHERE programme_id = $1`, [draft.id]);
      expect(rows).toEqual([{ version: 1 }]);
    });

    it('answers PATCH after opening with 409 PROGRAMME_RULES_FROZEN and changes nothing', async () => {
      const open = await anOpenProgramme();
      const before = await t.counts();
      const response = await patch(open.id, { titleEn: 'Sneaky edit', budgetKopecks: '1' }).expect(409);
      expect(response.body.error.code).toBe('PROGRAMME_RULES_FROZEN');
      expect(await t.counts()).toEqual(before);
      const fetched = await t.http().get(`${API}/programmes/${open.id}`).expect(200);
      expect(fetched.body).toMatchObject({ titleEn: open.titleEn, budgetKopecks: '250000000000', rulesVersion: 1 });
    });

    it('rejects an unknown status and statuses reached by other operations', async () => {
      const draft = await aDraft();
      for (const status of ['published', 'ranked', 'draft', 'bogus']) {
        const response = await setStatus(draft.id, status).expect(400);
        expect(response.body.error.details).toEqual([detail('status', 'isIn')]);
      }
    });

    it('answers transitions out of order with 409 PROGRAMME_TRANSITION_NOT_ALLOWED', async () => {
      const draft = await aDraft();
      for (const status of ['closed', 'scoring', 'archived']) {
        const response = await setStatus(draft.id, status).expect(409);
        expect(response.body.error.code).toBe('PROGRAMME_TRANSITION_NOT_ALLOWED');
      }
      const open = await anOpenProgramme();
      for (const status of ['open', 'scoring', 'archived']) {
        const response = await setStatus(open.id, status).expect(409);
        expect(response.body.error.code).toBe('PROGRAMME_TRANSITION_NOT_ALLOWED');
      }
    });

    it('is for ministry staff only', async () => {
      const draft = await aDraft();
      for (const user of [applicant, commissioner, auditor]) {
        await t.http().post(`${API}/programmes/${draft.id}/status`).set(user.auth).send({ status: 'open' }).expect(403);
      }
      await t.http().post(`${API}/programmes/${draft.id}/status`).send({ status: 'open' }).expect(401);
    });
  });

  describe('closing', () => {
    it('refuses to close before the deadline with 409 PROGRAMME_CALL_STILL_OPEN', async () => {
      const open = await anOpenProgramme();
      const before = await t.counts();
      const response = await setStatus(open.id, 'closed').expect(409);
      expect(response.body.error.code).toBe('PROGRAMME_CALL_STILL_OPEN');
      expect(await t.counts()).toEqual(before);
    });

    it('closes once the deadline has passed by the database clock, then moves to scoring', async () => {
      const now = await dbNow();
      const closesAt = new Date(now.getTime() + 2000).toISOString();
      const open = await anOpenProgramme({ opensAt: new Date(now.getTime() - 86400_000).toISOString(), closesAt });
      await setStatus(open.id, 'closed').expect(409);
      while ((await dbNow()).getTime() <= Date.parse(closesAt) + 50) await sleep(250);

      // Past the deadline the call is over even before it is closed: the deadline no longer moves.
      const late = await newVersion(open.id, { reason: 'Reopen after the deadline', changes: { closesAt: inDays(5) } }).expect(400);
      expect(late.body.error.details).toEqual([detail('changes.closesAt', 'deadlinePassed')]);
      const closed = await setStatus(open.id, 'closed', 'Deadline passed').expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', rulesVersion: 1 });

      // The window of a closed call no longer moves; other rules may still change with a reason.
      const moved = await newVersion(open.id, { reason: 'Try to reopen the call', changes: { closesAt: inDays(5) } }).expect(400);
      expect(moved.body.error.details).toEqual(expect.arrayContaining([detail('changes.closesAt', 'callClosed')]));
      await newVersion(open.id, { reason: 'Fix the English title typo', changes: { titleEn: 'Fixed title' } }).expect(201);

      await setStatus(open.id, 'scoring').expect(200);
      const frozen = await newVersion(open.id, { reason: 'Change weights during scoring', changes: { titleEn: 'Too late' } }).expect(409);
      expect(frozen.body.error.code).toBe('PROGRAMME_VERSIONING_CLOSED');
      await setStatus(open.id, 'archived').expect(409);
    });
  });

  describe('rule versions', () => {
    it('moves the deadline forward as version 2, keeping version 1 and auditing before and after', async () => {
      const open = await anOpenProgramme();
      const newClosesAt = new Date(Date.parse(open.closesAt as string) + 7 * 86400_000).toISOString();
      const before = await t.counts();
      const response = await newVersion(open.id, {
        reason: 'Extended on request of the regions',
        changes: { closesAt: newClosesAt },
      }).expect(201);
      expect(response.body).toMatchObject({ status: 'open', rulesVersion: 2, closesAt: newClosesAt });
      const after = await t.counts();
      expect(after.rule_versions).toBe(before.rule_versions + 1);
      expect(after.audit_log).toBe(before.audit_log + 1);

      const versions = await t.http().get(`${API}/programmes/${open.id}/rule-versions`).expect(200);
      expect(versions.body.total).toBe(2);
      expect(versions.body.items.map((v: Body) => v.version)).toEqual([1, 2]);
      expect(versions.body.items[0].rules.closesAt).toBe(open.closesAt);
      expect(versions.body.items[1]).toMatchObject({
        reason: 'Extended on request of the regions',
        createdBy: ministry.id,
        rules: expect.objectContaining({ closesAt: newClosesAt }),
      });

      const { rows } = await t.db.query(
        `SELECT actor_id, before, after FROM audit_log WHERE entity_id = $1 AND action = 'programme.rules_versioned'`,
        [open.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].actor_id).toBe(ministry.id);
      expect(rows[0].before).toMatchObject({ rulesVersion: 1, rules: expect.objectContaining({ closesAt: open.closesAt }) });
      expect(rows[0].after).toMatchObject({
        rulesVersion: 2,
        reason: 'Extended on request of the regions',
        rules: expect.objectContaining({ closesAt: newClosesAt }),
      });
    });

    it('keeps the ids of criteria whose code stays', async () => {
      const open = await anOpenProgramme();
      const ids = async () =>
        Object.fromEntries(
          (await t.db.query(`SELECT code, id FROM criteria WHERE programme_id = $1`, [open.id])).rows.map((r) => [r.code, r.id]),
        );
      const before = await ids();
      const criteria = [
        { code: 'impact', titleRu: 'Эффект', titleEn: 'Impact', weight: 20, scaleMin: 0, scaleMax: 5, scaleStep: 0.5 },
        {
          code: 'quality',
          titleRu: 'Качество программы',
          titleEn: 'Programme quality',
          weight: 80,
          scaleMin: 0,
          scaleMax: 5,
          scaleStep: 0.5,
          minScore: 2,
        },
      ];
      const response = await newVersion(open.id, { reason: 'Add an impact criterion', changes: { criteria } }).expect(201);
      expect(response.body.criteria.map((c: Body) => [c.code, c.weight])).toEqual([
        ['impact', 20],
        ['quality', 80],
      ]);
      const after = await ids();
      expect(after.quality).toBe(before.quality);
      expect(after.cofinancing).toBeUndefined();
      expect(Object.keys(after).sort()).toEqual(['impact', 'quality']);
    });

    it('rejects a deadline in the past, a short reason, a missing reason or changes, and contradictions', async () => {
      const open = await anOpenProgramme();
      const send = (b: Body | string) => newVersion(open.id, b as Body);
      const past = await expectRejected(
        { reason: 'Move the deadline back', changes: { closesAt: inDays(-1) } },
        'changes.closesAt',
        'inFuture',
        send,
      );
      expect(past.body.error.code).toBe('PROGRAMME_RULES_INVALID');
      await expectRejected({ reason: 'too short', changes: { closesAt: inDays(40) } }, 'reason', 'isLength', send);
      await expectRejected({ changes: { closesAt: inDays(40) } }, 'reason', 'isLength', send);
      await expectRejected({ reason: 'No changes object at all' }, 'changes', 'isDefined', send);
      await expectRejected({ reason: 'Changes sent as a list', changes: [] }, 'changes', 'isObject', send);
      await expectRejected({ reason: 'Changes sent as null', changes: null }, 'changes', 'isDefined', send);
      await expectRejected({ reason: 'Unknown field in changes', changes: { colour: 'red' } }, 'changes.colour', 'unknownField', send);
      await expectRejected({ reason: 'Code cannot change now', changes: { code: 'OTHER' } }, 'changes.code', 'unknownField', send);
      await expectRejected(
        { reason: 'Deadline without offset', changes: { closesAt: '2036-12-01T10:00:00' } },
        'changes.closesAt',
        'matches',
        send,
      );
      await expectRejected(
        { reason: 'Bad kopecks in the change', changes: { budgetKopecks: '1.5' } },
        'changes.budgetKopecks',
        'isKopecks',
        send,
      );
      await expectRejected(
        { reason: 'Weights no longer add up', changes: { criteria: [(open.criteria as Body[])[0]] } },
        'criteria',
        'weightsSumTo100',
        send,
      );
      await expectRejected(
        { reason: 'Move the start of an opened call', changes: { opensAt: inDays(-2) } },
        'changes.opensAt',
        'alreadyOpened',
        send,
      );
    });

    it.each([
      ['closesAt', null],
      ['opensAt', null],
      ['budgetKopecks', null],
      ['maxFederalPerBidKopecks', null],
      ['disagreementThreshold', null],
      ['criteria', []],
      ['eligibilityChecklist', []],
      ['fundingYears', []],
    ])('refuses a version that would leave the open call without %s', async (field, value) => {
      const open = await anOpenProgramme();
      const before = await t.counts();
      const response = await newVersion(open.id, { reason: `Remove ${field} from the call`, changes: { [field]: value } });
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining(field) })]),
      );
      expect(await t.counts()).toEqual(before);
    });

    it('refuses a version that changes nothing', async () => {
      const open = await anOpenProgramme();
      const before = await t.counts();
      const response = await newVersion(open.id, { reason: 'Nothing really changes', changes: { titleEn: open.titleEn } }).expect(400);
      expect(response.body.error).toMatchObject({ code: 'PROGRAMME_RULES_UNCHANGED', details: [detail('changes', 'changesSomething')] });
      const empty = await newVersion(open.id, { reason: 'Nothing at all changes', changes: {} }).expect(400);
      expect(empty.body.error.code).toBe('PROGRAMME_RULES_UNCHANGED');
      expect(await t.counts()).toEqual(before);
    });

    it('is not for drafts: a draft is edited with PATCH', async () => {
      const draft = await aDraft();
      const response = await newVersion(draft.id, { reason: 'Version a draft somehow', changes: { titleEn: 'New' } }).expect(409);
      expect(response.body.error.code).toBe('PROGRAMME_TRANSITION_NOT_ALLOWED');
    });

    it('numbers simultaneous versions without gaps or duplicates', async () => {
      const open = await anOpenProgramme();
      const responses = await Promise.all(
        [1, 2, 3, 4].map((n) => newVersion(open.id, { reason: `Parallel change number ${n}`, changes: { titleEn: `Title ${n}` } })),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(responses.map((r) => r.body.rulesVersion).sort()).toEqual([2, 3, 4, 5]);
      const versions = await t.http().get(`${API}/programmes/${open.id}/rule-versions`).expect(200);
      expect(versions.body.items.map((v: Body) => v.version)).toEqual([1, 2, 3, 4, 5]);
    });

    it('is for ministry staff only', async () => {
      const open = await anOpenProgramme();
      const body = { reason: 'A reason long enough', changes: { titleEn: 'Other' } };
      for (const user of [applicant, commissioner, auditor]) {
        await t.http().post(`${API}/programmes/${open.id}/rule-versions`).set(user.auth).send(body).expect(403);
      }
      await t.http().post(`${API}/programmes/${open.id}/rule-versions`).send(body).expect(401);
    });

    it('hides the versions of a draft from the public', async () => {
      const draft = await aDraft();
      await t.http().get(`${API}/programmes/${draft.id}/rule-versions`).expect(404);
      await t.http().get(`${API}/programmes/${draft.id}/rule-versions`).set(applicant.auth).expect(404);
      const staff = await t.http().get(`${API}/programmes/${draft.id}/rule-versions`).set(auditor.auth).expect(200);
      expect(staff.body).toEqual({ items: [], total: 0 });
    });
  });

  describe('reading', () => {
    let draft: Body & { id: string };
    let open: Body & { id: string };

    beforeAll(async () => {
      draft = await aDraft();
      open = await anOpenProgramme();
    });

    it('lists programmes publicly with the stable fields, hiding drafts from the public', async () => {
      const response = await t.http().get(`${API}/programmes?pageSize=200`).expect(200);
      expect(response.body).toEqual({ items: expect.any(Array), total: expect.any(Number) });
      const ids = response.body.items.map((p: Body) => p.id);
      expect(ids).toContain(open.id);
      expect(ids).not.toContain(draft.id);
      expect(response.body.items.every((p: Body) => p.status !== 'draft')).toBe(true);
      const item = response.body.items.find((p: Body) => p.id === open.id);
      expect(item).toMatchObject({
        id: open.id,
        code: open.code,
        status: 'open',
        title: open.titleRu,
        budgetKopecks: '250000000000',
        opensAt: open.opensAt,
        closesAt: open.closesAt,
      });
      expect(typeof item.budgetKopecks).toBe('string');
    });

    it.each(['applicant', 'commissioner'] as const)('hides drafts from a %s', async (role) => {
      const user = role === 'applicant' ? applicant : commissioner;
      const response = await t.http().get(`${API}/programmes?pageSize=200`).set(user.auth).expect(200);
      expect(response.body.items.map((p: Body) => p.id)).not.toContain(draft.id);
      const drafts = await t.http().get(`${API}/programmes?status=draft`).set(user.auth).expect(200);
      expect(drafts.body).toEqual({ items: [], total: 0 });
      await t.http().get(`${API}/programmes/${draft.id}`).set(user.auth).expect(404);
    });

    it.each(['ministry', 'auditor'] as const)('shows drafts to %s staff', async (role) => {
      const user = role === 'ministry' ? ministry : auditor;
      const response = await t.http().get(`${API}/programmes?status=draft&pageSize=200`).set(user.auth).expect(200);
      expect(response.body.items.map((p: Body) => p.id)).toContain(draft.id);
      expect(response.body.items.every((p: Body) => p.status === 'draft')).toBe(true);
      expect(response.body.total).toBe(response.body.items.length);
      await t.http().get(`${API}/programmes/${draft.id}`).set(user.auth).expect(200);
    });

    it('filters by status and counts the total across pages', async () => {
      const response = await t.http().get(`${API}/programmes?status=open&pageSize=1`).expect(200);
      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0].status).toBe('open');
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM programmes WHERE status = 'open'`);
      expect(response.body.total).toBe(rows[0].n);
      await t.http().get(`${API}/programmes?status=bogus`).expect(400);
      await t.http().get(`${API}/programmes?pageSize=1000`).expect(400);
      await t.http().get(`${API}/programmes?unknown=1`).expect(400);
    });

    it('answers a draft with 404 to the public, and the same 404 as for a programme that does not exist', async () => {
      const hidden = await t.http().get(`${API}/programmes/${draft.id}`).expect(404);
      const missing = await t.http().get(`${API}/programmes/00000000-0000-4000-8000-000000000000`).expect(404);
      expect(hidden.body.error.code).toBe(missing.body.error.code);
      await t.http().get(`${API}/programmes/not-a-uuid`).expect(400);
    });

    it('shows an open programme to anyone, with the title in the language asked for', async () => {
      const ru = await t.http().get(`${API}/programmes/${open.id}`).expect(200);
      expect(ru.body).toMatchObject({
        id: open.id,
        code: open.code,
        status: 'open',
        title: open.titleRu,
        budgetKopecks: '250000000000',
        opensAt: open.opensAt,
        closesAt: open.closesAt,
      });
      const en = await t.http().get(`${API}/programmes/${open.id}`).set('Accept-Language', 'en-GB,en;q=0.9').expect(200);
      expect(en.body.title).toBe(open.titleEn);
      const list = await t.http().get(`${API}/programmes?status=open&pageSize=200`).set('Accept-Language', 'en').expect(200);
      expect(list.body.items.find((p: Body) => p.id === open.id).title).toBe(open.titleEn);
    });

    it('rejects a token that is not valid even on a public route', async () => {
      await t.http().get(`${API}/programmes`).set('Authorization', 'Bearer nonsense').expect(401);
    });
  });
});
