import { aCluster, aProgramme } from './factories';
import type { TestApp, TestUser } from './test-app';

/** A minimal valid PDF (enough for the signature check and a viewer). */
export const A_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj ' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A programme with sections and a required attachment, open now. */
export function aBidProgramme(overrides: Record<string, unknown> = {}) {
  return aProgramme({
    sections: [{ code: 'programme', titleRu: 'Программа развития', titleEn: 'Development programme', required: true, maxLength: 5000 }],
    attachmentKinds: [{ code: 'regional-letter', titleRu: 'Письмо субъекта РФ', titleEn: 'Regional letter', required: true }],
    ...overrides,
  });
}

/** Budget lines that pass the factory programme's rules: 100 m federal, 30 % co-financing. */
export function validLines(year = 2027, federalKopecks = 10_000_000_000n) {
  const regional = (federalKopecks * 3n) / 7n;
  return [
    { year, category: 'joint-rnd', source: 'federal', amountKopecks: `${federalKopecks}` },
    { year, category: 'joint-rnd', source: 'regional', amountKopecks: `${regional + 1n}` },
  ];
}

export async function openProgramme(t: TestApp, ministry: TestUser, overrides: Record<string, unknown> = {}) {
  const created = await t.http().post('/api/v1/programmes').set(ministry.auth).send(aBidProgramme(overrides));
  if (created.status !== 201) throw new Error(`programme: ${created.status} ${JSON.stringify(created.body)}`);
  const opened = await t.http().post(`/api/v1/programmes/${created.body.id}/status`).set(ministry.auth).send({ status: 'open' });
  if (opened.status !== 200) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  return opened.body as { id: string; code: string; closesAt: string };
}

export async function anApplicantWithCluster(t: TestApp, ministry: TestUser, cluster: Record<string, unknown> = {}) {
  const created = await t.http().post('/api/v1/clusters').set(ministry.auth).send(aCluster(cluster));
  if (created.status !== 201) throw new Error(`cluster: ${created.status} ${JSON.stringify(created.body)}`);
  const user = await t.user('applicant', { clusterId: created.body.id });
  return { user, cluster: created.body as { id: string; timeZone: string } };
}

/** A draft that passes every rule: title, summary, section, lines, required attachment. */
export async function aCompleteDraft(t: TestApp, applicant: TestUser, programmeId: string, lines = validLines()) {
  const draft = await t
    .http()
    .post(`/api/v1/programmes/${programmeId}/submissions`)
    .set(applicant.auth)
    .send({
      title: 'Кластер 2.0: единый центр компетенций',
      summary: 'Совместные НИОКР и центр коллективного пользования',
      sections: { programme: 'Программа развития кластера на 2027–2028 годы' },
      budgetLines: lines,
    });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
  const upload = await t
    .http()
    .post(`/api/v1/submissions/${draft.body.id}/attachments?kind=regional-letter&fileName=letter.pdf`)
    .set(applicant.auth)
    .set('Content-Type', 'application/pdf')
    .send(A_PDF);
  if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${JSON.stringify(upload.body)}`);
  return draft.body as { id: string };
}
