import {
  aMember,
  API,
  aProgrammeInScoring,
  assignments,
  memberBody,
  runAssignment,
  scoreFully,
  type ScoringProgramme,
} from '../commissions/helpers';
import { aBidProgramme, aCompleteDraft, openProgramme, validLines } from '../support/bids';
import { aCluster } from '../support/factories';
import type { TestApp, TestUser } from '../support/test-app';

/** A commission member as the tests need it: the member row and the commissioner user behind it. */
export interface WorldMember {
  id: string;
  user: TestUser;
}

/**
 * Realistic state built once through the API, the way the ministry, the clusters and the commission would build
 * it: a draft programme; an open programme where cluster A has submitted a bid and cluster B holds a draft; a
 * programme in scoring with a commission, assigned reviews, a conflicted member; a published programme with an
 * appeal of cluster A and issued decision letters.
 */
export interface World {
  ministry: TestUser;
  auditor: TestUser;
  /** Chairs both commissions and holds reviews in the scoring programme. */
  commissioner: TestUser;
  /** Applicants of clusters A and B. */
  applicantA: TestUser;
  applicantB: TestUser;
  clusterA: string;
  clusterB: string;
  /** A cluster that never applied (nothing refers to it, so it can be deleted). */
  spareCluster: string;
  draftProgramme: string;
  open: { id: string; bidA: string; bidB: string; attachmentA: string; attachmentB: string };
  scoring: {
    id: string;
    programme: ScoringProgramme;
    members: WorldMember[];
    /** Every assignment (review) with its member and bid. */
    reviews: { id: string; memberId: string; submissionId: string; status: string }[];
    /** A member recorded as conflicted on `submissionId` after assignment: their review there is recused. */
    conflicted: { member: WorldMember; submissionId: string; recusedReviewId: string };
  };
  published: {
    id: string;
    programme: ScoringProgramme;
    bidA: string;
    bidB: string;
    runId: string;
    appealId: string;
    issueId: string;
    verificationCode: string;
    attachmentA: string;
    attachmentB: string;
  };
  /** Users nobody signs in as: targets for user routes, so fuzzing never locks out the callers themselves. */
  victims: TestUser[];
}

const ok = async (what: string, response: { status: number; body: unknown }, ...expected: number[]) => {
  if (!expected.includes(response.status)) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};

async function addMember(t: TestApp, ministry: TestUser, programmeId: string, user: TestUser, input: Record<string, unknown> = {}) {
  const added = await t.http().post(`${API}/programmes/${programmeId}/commission/members`).set(ministry.auth).send(memberBody(user, input));
  return { id: (await ok('member', added, 201)).id as string, user };
}

async function attachmentOf(t: TestApp, submissionId: string): Promise<string> {
  const { rows } = await t.db.query('SELECT id FROM submission_attachments WHERE submission_id = $1 LIMIT 1', [submissionId]);
  return rows[0].id;
}

async function untilIssued(t: TestApp, ministry: TestUser, programmeId: string, issueId: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const { body } = await t.http().get(`${API}/programmes/${programmeId}/decisions/issues/${issueId}`).set(ministry.auth);
    if (body.status === 'completed') return;
    if (body.status === 'failed') throw new Error(`decision issue failed: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the decision job did not finish in a minute');
}

export async function buildWorld(t: TestApp): Promise<World> {
  const ministry = await t.user('ministry');
  const auditor = await t.user('auditor');
  const commissioner = await t.user('commissioner');

  // Published programme first: its first two bids belong to clusters A and B.
  const pub = await aProgrammeInScoring(t, ministry, { bids: 3, rules: { reviewersPerBid: 1, appealWindowDays: 10 } });
  const [clusterA, clusterB] = [pub.bids[0].clusterId, pub.bids[1].clusterId];
  const applicantA = await t.user('applicant', { clusterId: clusterA });
  const applicantB = await t.user('applicant', { clusterId: clusterB });
  await addMember(t, ministry, pub.id, commissioner, { role: 'chair' });
  await ok('assign', await runAssignment(t, ministry, pub.id), 200);
  for (const review of (await assignments(t, ministry, pub.id)).items) await scoreFully(t, commissioner, review.id, 4, 4);
  await ok('close', await t.http().post(`${API}/programmes/${pub.id}/commission/close`).set(ministry.auth), 200);
  await ok('rank', await t.http().post(`${API}/programmes/${pub.id}/ranking`).set(ministry.auth), 200);
  const run = await ok('run', await t.http().post(`${API}/programmes/${pub.id}/allocation-runs`).set(ministry.auth).send({}), 201);
  await ok(
    'publish',
    await t.http().post(`${API}/programmes/${pub.id}/allocation-runs/${run.id}/publish`).set(ministry.auth).send({}),
    200,
  );
  const appeal = await ok(
    'appeal',
    await t
      .http()
      .post(`${API}/submissions/${pub.bids[0].id}/appeal`)
      .set(applicantA.auth)
      .send({ grounds: 'Комиссия не учла письмо субъекта о софинансировании, приложенное к заявке; просим пересмотреть.' }),
    201,
  );
  const issue = await ok('issue', await t.http().post(`${API}/programmes/${pub.id}/decisions/issues`).set(ministry.auth), 201);
  await untilIssued(t, ministry, pub.id, issue.issueId);
  const { rows: codes } = await t.db.query('SELECT verification_code FROM decisions WHERE issue_id = $1 LIMIT 1', [issue.issueId]);

  // Open programme: A has submitted, B holds a complete draft.
  const open = await openProgramme(t, ministry, { singleActiveBid: true });
  const bidA = await aCompleteDraft(t, applicantA, open.id, validLines(2027, 1_000_000_000n));
  await ok('submit', await t.http().post(`${API}/submissions/${bidA.id}/submit`).set(applicantA.auth), 201);
  const bidB = await aCompleteDraft(t, applicantB, open.id, validLines(2027, 1_000_000_000n));

  const draft = await ok('draft programme', await t.http().post(`${API}/programmes`).set(ministry.auth).send(aBidProgramme()), 201);
  const spare = await ok('spare cluster', await t.http().post(`${API}/clusters`).set(ministry.auth).send(aCluster()), 201);

  // Programme in scoring: the commissioner chairs, three more members; one is found conflicted after assignment.
  const scoring = await aProgrammeInScoring(t, ministry, { bids: 3, rules: { reviewersPerBid: 2 } });
  const members: WorldMember[] = [await addMember(t, ministry, scoring.id, commissioner, { role: 'chair', loadCap: 10 })];
  for (let i = 0; i < 3; i++) members.push(await aMember(t, ministry, scoring.id, { loadCap: 10 }));
  await ok('assign', await runAssignment(t, ministry, scoring.id, { seed: 7 }), 200);
  const assigned = (await assignments(t, ministry, scoring.id)).items;
  const victim = assigned.find((a) => a.memberId !== members[0].id)!;
  const conflictedMember = members.find((m) => m.id === victim.memberId)!;
  await ok(
    'conflict',
    await t.http().post(`${API}/programmes/${scoring.id}/commission/conflicts`).set(ministry.auth).send({
      memberId: victim.memberId,
      submissionId: victim.submissionId,
      kind: 'family',
      reason: 'Родственник руководителя кластера',
    }),
    201,
  );
  // The chair drafts scores on one review, so the scoring tables hold rows too.
  const chairsReview = (await assignments(t, ministry, scoring.id)).items.find(
    (a) => a.memberId === members[0].id && a.status !== 'recused',
  );
  if (chairsReview) {
    const saved = await t
      .http()
      .put(`${API}/reviews/${chairsReview.id}/scores`)
      .set(commissioner.auth)
      .send({
        scores: [{ criterionCode: 'quality', score: 3, justification: 'Обоснование оценки: программа проработана, бюджет реалистичен.' }],
      });
    await ok('draft scores', saved, 200);
  }
  const reviews = (await assignments(t, ministry, scoring.id)).items.map((a) => ({
    id: a.id,
    memberId: a.memberId,
    submissionId: a.submissionId,
    status: a.status,
  }));

  const victims = [await t.user('applicant'), await t.user('commissioner'), await t.user('auditor')];

  return {
    ministry,
    auditor,
    commissioner,
    applicantA,
    applicantB,
    clusterA,
    clusterB,
    spareCluster: spare.id,
    draftProgramme: draft.id,
    open: {
      id: open.id,
      bidA: bidA.id,
      bidB: bidB.id,
      attachmentA: await attachmentOf(t, bidA.id),
      attachmentB: await attachmentOf(t, bidB.id),
    },
    scoring: {
      id: scoring.id,
      programme: scoring,
      members,
      reviews,
      conflicted: { member: conflictedMember, submissionId: victim.submissionId, recusedReviewId: victim.id },
    },
    published: {
      id: pub.id,
      programme: pub,
      bidA: pub.bids[0].id,
      bidB: pub.bids[1].id,
      runId: run.id,
      appealId: appeal.id,
      issueId: issue.issueId,
      verificationCode: codes[0].verification_code,
      attachmentA: await attachmentOf(t, pub.bids[0].id),
      attachmentB: await attachmentOf(t, pub.bids[1].id),
    },
    victims,
  };
}

/** Every real id of the world by kind, for path parameters. */
export function idPools(world: World): Record<string, string[]> {
  return {
    programme: [world.draftProgramme, world.open.id, world.scoring.id, world.published.id],
    submission: [
      world.open.bidA,
      world.open.bidB,
      world.published.bidA,
      world.published.bidB,
      ...world.scoring.programme.bids.map((b) => b.id),
    ],
    cluster: [world.clusterA, world.clusterB, world.spareCluster],
    user: world.victims.map((v) => v.id),
    review: world.scoring.reviews.map((r) => r.id),
    member: world.scoring.members.map((m) => m.id),
    run: [world.published.runId],
    appeal: [world.published.appealId],
    issue: [world.published.issueId],
    attachment: [world.open.attachmentA, world.open.attachmentB, world.published.attachmentA, world.published.attachmentB],
  };
}
