import { createTestApp, TestApp, TestUser } from '../support/test-app';
import {
  aMember,
  API,
  aProgrammeInScoring,
  assignments,
  fullScores,
  Member,
  runAssignment,
  saveScores,
  ScoringProgramme,
  submitReview,
} from './helpers';

describe('scoring under concurrency', () => {
  let t: TestApp;
  let ministry: TestUser;
  let programme: ScoringProgramme;
  let members: Member[];

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    programme = await aProgrammeInScoring(t, ministry, { bids: 1, rules: { reviewersPerBid: 3 } });
    members = [await aMember(t, ministry, programme.id, { role: 'chair', loadCap: 1 })];
    for (let i = 0; i < 2; i++) members.push(await aMember(t, ministry, programme.id, { loadCap: 1 }));
    await runAssignment(t, ministry, programme.id, { seed: 5 }).expect(200);
  });
  afterAll(() => t.close());

  it('two reviewers submitting at once both count, and the bid becomes scored once; a close racing the last submit never loses it', async () => {
    const { items } = await assignments(t, ministry, programme.id);
    const reviewOf = (m: Member) => items.find((a) => a.memberId === m.id)!.id;
    for (const m of members) await saveScores(t, m.user, reviewOf(m), fullScores(4, 3)).expect(200);

    const pair = await Promise.all(members.slice(0, 2).map((m) => submitReview(t, m.user, reviewOf(m))));
    expect(pair.map((r) => r.status)).toEqual([200, 200]);

    // The last submit and the close race: either the close waits and sees it, or it refuses (409) and the submit stands.
    const [last, close] = await Promise.all([
      submitReview(t, members[2].user, reviewOf(members[2])),
      t.http().post(`${API}/programmes/${programme.id}/commission/close`).set(ministry.auth),
    ]);
    expect(last.status).toBe(200);
    expect([200, 409]).toContain(close.status);
    if (close.status === 409) await t.http().post(`${API}/programmes/${programme.id}/commission/close`).set(ministry.auth).expect(200);

    const { rows } = await t.db.query(
      `SELECT count(*) FILTER (WHERE a.status = 'submitted')::int AS submitted, count(r.*)::int AS scores
       FROM review_assignments a LEFT JOIN review_scores r ON r.assignment_id = a.id WHERE a.programme_id = $1`,
      [programme.id],
    );
    expect(rows[0].scores).toBe(6);
    const bid = await t.db.query('SELECT status FROM submissions WHERE id = $1', [programme.bids[0].id]);
    expect(bid.rows[0].status).toBe('scored');
    // After the close nothing is accepted, whatever path a write takes.
    await saveScores(t, members[0].user, reviewOf(members[0]), fullScores(5, 5)).expect(409);
    await expect(t.db.query(`UPDATE review_scores SET score = 1 WHERE assignment_id = $1`, [reviewOf(members[0])])).rejects.toThrow(
      /locked|submitted/,
    );
  });
});
