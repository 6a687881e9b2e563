import { createTestApp, TestApp, TestUser } from '../support/test-app';
import { aMember, API, aProgrammeInScoring, assignments, runAssignment, ScoringProgramme } from './helpers';

describe('a member edit that creates a conflict', () => {
  let t: TestApp;
  let ministry: TestUser;
  let programme: ScoringProgramme;

  beforeAll(async () => {
    t = await createTestApp();
    ministry = await t.user('ministry');
    programme = await aProgrammeInScoring(t, ministry, { bids: 2, rules: { reviewersPerBid: 1 } });
    await aMember(t, ministry, programme.id, { role: 'chair', loadCap: 2 });
    for (let i = 0; i < 2; i++) await aMember(t, ministry, programme.id, { loadCap: 2 });
    await runAssignment(t, ministry, programme.id, { seed: 3 }).expect(200);
  });
  afterAll(() => t.close());

  it("recuses the member from the bid of their new organisation's cluster and hands the bid to another member", async () => {
    const [review] = (await assignments(t, ministry, programme.id)).items;
    const bid = programme.bids.find((b) => b.id === review.submissionId)!;
    await t
      .http()
      .patch(`${API}/programmes/${programme.id}/commission/members/${review.memberId}`)
      .set(ministry.auth)
      .send({ organisationInn: bid.organisationInn })
      .expect(200);

    const { items } = await assignments(t, ministry, programme.id);
    const onBid = items.filter((a) => a.submissionId === bid.id);
    expect(onBid.find((a) => a.memberId === review.memberId)?.status).toBe('recused');
    const active = onBid.filter((a) => a.status !== 'recused');
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ origin: 'reassigned' });
    expect(active[0].memberId).not.toBe(review.memberId);
  });
});
