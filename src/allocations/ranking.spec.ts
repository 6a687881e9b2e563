import fc from 'fast-check';
import type { TieBreakRule } from '../programmes/programme.rules';
import { type RankedBid, rankBids, type RankingBid } from './ranking';

let sequence = 0;

/** A fully scored bid that passed every threshold; a test states only what it is about. */
const aBid = (overrides: Partial<RankingBid> = {}): RankingBid => {
  sequence += 1;
  const number = String(sequence).padStart(4, '0');
  return {
    bidId: `bid-${number}`,
    registrationNumber: `CL20-2016-${number}`,
    clusterId: `cluster-${number}`,
    weightedTotal: 4,
    criterionScores: { C1: 4, C2: 4 },
    thresholdFailures: [],
    finalSubmittedAt: '2016-05-01T10:00:00.000Z',
    requestedFederalKopecks: 10_000_000_00n,
    cofinancingBasisPoints: 3000,
    ...overrides,
  };
};

const order = (ranked: RankedBid[]) => ranked.map((bid) => bid.bidId);

describe('rankBids', () => {
  it('ranks by weighted total, highest first, with ranks 1..n and no tie-break where totals differ', () => {
    const [low, high, middle] = [aBid({ weightedTotal: 3.1 }), aBid({ weightedTotal: 4.75 }), aBid({ weightedTotal: 4.7499 })];
    const { ranked, excluded } = rankBids([low, high, middle], []);
    expect(order(ranked)).toEqual([high.bidId, middle.bidId, low.bidId]);
    expect(ranked.map((bid) => bid.rank)).toEqual([1, 2, 3]);
    expect(ranked.map((bid) => bid.tieBreak)).toEqual([null, null, null]);
    expect(excluded).toEqual([]);
  });

  it('carries the fields later steps need, without the threshold failures', () => {
    const bid = aBid({ weightedTotal: 3.5, requestedFederalKopecks: 123n, cofinancingBasisPoints: 2500 });
    const [ranked] = rankBids([bid], []).ranked;
    expect(ranked).toEqual({
      rank: 1,
      bidId: bid.bidId,
      registrationNumber: bid.registrationNumber,
      clusterId: bid.clusterId,
      weightedTotal: 3.5,
      criterionScores: bid.criterionScores,
      finalSubmittedAt: bid.finalSubmittedAt,
      requestedFederalKopecks: 123n,
      cofinancingBasisPoints: 2500,
      tieBreak: null,
    });
  });

  it('excludes bids below a threshold or not fully scored, one reason per failure, by registration number', () => {
    const failures = [
      { criterionCode: 'C2', rule: 'minScore' as const, value: 2.5, minimum: 3 },
      { criterionCode: null, rule: 'minWeightedTotal' as const, value: 2.9, minimum: 3 },
    ];
    const belowTwice = aBid({ registrationNumber: 'CL20-2016-0900', weightedTotal: 2.9, thresholdFailures: failures });
    const unscored = aBid({ registrationNumber: 'CL20-2016-0100', weightedTotal: null });
    const unscoredAndBelow = aBid({ registrationNumber: 'CL20-2016-0500', weightedTotal: null, thresholdFailures: [failures[0]] });
    const passing = aBid();
    const { ranked, excluded } = rankBids([belowTwice, passing, unscoredAndBelow, unscored], []);
    expect(order(ranked)).toEqual([passing.bidId]);
    expect(excluded).toEqual([
      {
        bidId: unscored.bidId,
        registrationNumber: 'CL20-2016-0100',
        clusterId: unscored.clusterId,
        weightedTotal: null,
        reasons: [{ rule: 'notScored' }],
      },
      {
        bidId: unscoredAndBelow.bidId,
        registrationNumber: 'CL20-2016-0500',
        clusterId: unscoredAndBelow.clusterId,
        weightedTotal: null,
        reasons: [{ rule: 'notScored' }, failures[0]],
      },
      {
        bidId: belowTwice.bidId,
        registrationNumber: 'CL20-2016-0900',
        clusterId: belowTwice.clusterId,
        weightedTotal: 2.9,
        reasons: failures,
      },
    ]);
  });

  it('compares totals as whole units of 0.0001, so float noise does not decide a rank', () => {
    const noisy = aBid({ registrationNumber: 'CL20-2016-0002', weightedTotal: 0.1 + 0.2 });
    const exact = aBid({ registrationNumber: 'CL20-2016-0001', weightedTotal: 0.3 });
    const { ranked } = rankBids([noisy, exact], []);
    expect(order(ranked)).toEqual([exact.bidId, noisy.bidId]);
    expect(ranked[1].tieBreak?.rule).toBe('registration-number');
  });

  describe('tie-break chain', () => {
    it('criterion: the higher score on the named criterion first, explained in both languages', () => {
      const above = aBid({ registrationNumber: 'CL20-2016-0003', weightedTotal: 4.25, criterionScores: { C1: 4, C2: 4 } });
      const below = aBid({ registrationNumber: 'CL20-2016-0001', weightedTotal: 4.25, criterionScores: { C1: 5, C2: 3.5 } });
      const { ranked } = rankBids([below, above], [{ rule: 'criterion', criterionCode: 'C2' }]);
      expect(order(ranked)).toEqual([above.bidId, below.bidId]);
      expect(ranked[0].tieBreak).toBeNull();
      expect(ranked[1].tieBreak).toEqual({
        rule: 'criterion',
        criterionCode: 'C2',
        versusBidId: above.bidId,
        versusRegistrationNumber: 'CL20-2016-0003',
        explanation: {
          en: 'Same weighted total 4.2500 as CL20-2016-0003; placed below it by criterion C2: 3.50 < 4.00',
          ru: 'Тот же взвешенный итог 4,2500, что у заявки CL20-2016-0003; поставлена ниже по критерию C2: 3,50 < 4,00',
        },
      });
    });

    it('criterion: a missing or null score counts as the lowest, and an aggregated score keeps its 4 decimals', () => {
      const scored = aBid({ criterionScores: { C1: 4, C2: 0.1234 } });
      const nullScore = aBid({ criterionScores: { C1: 5, C2: null } });
      const missing = aBid({ criterionScores: { C1: 5 } });
      const { ranked } = rankBids([missing, nullScore, scored], [{ rule: 'criterion', criterionCode: 'C2' }]);
      expect(order(ranked)).toEqual([scored.bidId, nullScore.bidId, missing.bidId]);
      expect(ranked[1].tieBreak?.explanation.en).toMatch(/by criterion C2: no score < 0\.1234$/);
      expect(ranked[1].tieBreak?.explanation.ru).toMatch(/по критерию C2: нет оценки < 0,1234$/);
      // Both without a score: the criterion does not separate them, the registration number does.
      expect(ranked[2].tieBreak?.rule).toBe('registration-number');
    });

    it('goes down the chain to the first rule that separates the bids', () => {
      const chain: TieBreakRule[] = [
        { rule: 'criterion', criterionCode: 'C2' },
        { rule: 'criterion', criterionCode: 'C1' },
      ];
      const above = aBid({ criterionScores: { C1: 4.5, C2: 3 } });
      const below = aBid({ criterionScores: { C1: 4, C2: 3 } });
      const { ranked } = rankBids([below, above], chain);
      expect(order(ranked)).toEqual([above.bidId, below.bidId]);
      expect(ranked[1].tieBreak).toMatchObject({ rule: 'criterion', criterionCode: 'C1' });
      expect(ranked[1].tieBreak?.explanation.en).toMatch(/by criterion C1: 4\.00 < 4\.50$/);
    });

    it('earlier-final-submission: compares instants, not strings, whatever the offset', () => {
      // 12:00 Moscow time is 09:00 UTC: earlier, although its string sorts after "10:00".
      const moscow = aBid({ registrationNumber: 'CL20-2016-0009', finalSubmittedAt: '2016-05-01T12:00:00+03:00' });
      const utc = aBid({ registrationNumber: 'CL20-2016-0001', finalSubmittedAt: '2016-05-01T10:00:00.000Z' });
      const { ranked } = rankBids([utc, moscow], [{ rule: 'earlier-final-submission' }]);
      expect(order(ranked)).toEqual([moscow.bidId, utc.bidId]);
      expect(ranked[1].tieBreak).toMatchObject({ rule: 'earlier-final-submission', versusRegistrationNumber: 'CL20-2016-0009' });
      expect(ranked[1].tieBreak?.explanation.en).toBe(
        'Same weighted total 4.0000 as CL20-2016-0009; placed below it by later final submission: ' +
          '2016-05-01T10:00:00.000Z is after 2016-05-01T12:00:00+03:00',
      );
      expect(ranked[1].tieBreak).not.toHaveProperty('criterionCode');
    });

    it('smaller-request: the smaller federal request first, amounts in roubles', () => {
      const large = aBid({ registrationNumber: 'CL20-2016-0001', requestedFederalKopecks: 150_000_000_00n });
      const small = aBid({ registrationNumber: 'CL20-2016-0002', requestedFederalKopecks: 149_999_999_99n });
      const { ranked } = rankBids([large, small], [{ rule: 'smaller-request' }]);
      expect(order(ranked)).toEqual([small.bidId, large.bidId]);
      expect(ranked[1].tieBreak?.explanation).toEqual({
        en: 'Same weighted total 4.0000 as CL20-2016-0002; placed below it by larger federal request: RUB 150,000,000.00 > RUB 149,999,999.99',
        ru: 'Тот же взвешенный итог 4,0000, что у заявки CL20-2016-0002; поставлена ниже по большему запросу федеральных средств: 150 000 000,00 ₽ > 149 999 999,99 ₽',
      });
    });

    it('larger-cofinancing-share: the larger share first', () => {
      const smaller = aBid({ registrationNumber: 'CL20-2016-0001', cofinancingBasisPoints: 2500 });
      const larger = aBid({ registrationNumber: 'CL20-2016-0002', cofinancingBasisPoints: 3001 });
      const { ranked } = rankBids([smaller, larger], [{ rule: 'larger-cofinancing-share' }]);
      expect(order(ranked)).toEqual([larger.bidId, smaller.bidId]);
      expect(ranked[1].tieBreak?.explanation.en).toMatch(/by smaller co-financing share: 25\.00 % < 30\.01 %$/);
      expect(ranked[1].tieBreak?.explanation.ru).toMatch(/по меньшей доле софинансирования: 25,00 % < 30,01 %$/);
    });

    it('falls back to the registration number, lower first, when every rule of the chain is equal', () => {
      const chain: TieBreakRule[] = [
        { rule: 'criterion', criterionCode: 'C1' },
        { rule: 'earlier-final-submission' },
        { rule: 'smaller-request' },
        { rule: 'larger-cofinancing-share' },
      ];
      const later = aBid({ registrationNumber: 'CL20-2016-0010' });
      const earlier = aBid({ registrationNumber: 'CL20-2016-0007' });
      const { ranked } = rankBids([later, earlier], chain);
      expect(order(ranked)).toEqual([earlier.bidId, later.bidId]);
      expect(ranked[1].tieBreak).toEqual({
        rule: 'registration-number',
        versusBidId: earlier.bidId,
        versusRegistrationNumber: 'CL20-2016-0007',
        explanation: {
          en:
            'Same weighted total 4.0000 as CL20-2016-0007; placed below it by registration number, ' +
            'the last resort when every other rule is equal: CL20-2016-0010 > CL20-2016-0007',
          ru:
            'Тот же взвешенный итог 4,0000, что у заявки CL20-2016-0007; поставлена ниже по регистрационному номеру, ' +
            'последнему правилу при равенстве по всем остальным: CL20-2016-0010 > CL20-2016-0007',
        },
      });
    });

    it('applies the chain only between equal totals, and explains each tie against the bid directly above', () => {
      const chain: TieBreakRule[] = [{ rule: 'smaller-request' }];
      const top = aBid({ weightedTotal: 4.5, requestedFederalKopecks: 900n });
      const first = aBid({ weightedTotal: 4, requestedFederalKopecks: 100n });
      const second = aBid({ weightedTotal: 4, requestedFederalKopecks: 200n, registrationNumber: 'CL20-2016-9998' });
      const third = aBid({ weightedTotal: 4, requestedFederalKopecks: 200n, registrationNumber: 'CL20-2016-9999' });
      const { ranked } = rankBids([third, second, first, top], chain);
      expect(order(ranked)).toEqual([top.bidId, first.bidId, second.bidId, third.bidId]);
      expect(ranked.map((bid) => bid.tieBreak && [bid.tieBreak.rule, bid.tieBreak.versusBidId])).toEqual([
        null,
        null,
        ['smaller-request', first.bidId],
        ['registration-number', second.bidId],
      ]);
    });
  });

  it('gives the same output for the same bids in any order', () => {
    const bids = [aBid({ weightedTotal: 4 }), aBid({ weightedTotal: 4 }), aBid({ weightedTotal: null }), aBid({ weightedTotal: 5 })];
    const chain: TieBreakRule[] = [{ rule: 'earlier-final-submission' }];
    expect(rankBids([...bids].reverse(), chain)).toEqual(rankBids(bids, chain));
  });

  it('ranks nothing from nothing', () => {
    expect(rankBids([], [{ rule: 'criterion', criterionCode: 'C9' }])).toEqual({ ranked: [], excluded: [] });
  });

  describe('programming errors', () => {
    it('throws on a duplicate bidId', () => {
      const bid = aBid();
      expect(() => rankBids([bid, { ...bid, registrationNumber: 'CL20-2016-7777' }], [])).toThrow(/bidId ".*" appears twice/);
    });

    it('throws on a duplicate registration number, which would leave a tie undecided', () => {
      const bid = aBid();
      expect(() => rankBids([bid, aBid({ registrationNumber: bid.registrationNumber })], [])).toThrow(/registrationNumber/);
    });

    it('throws on a criterion tie-break naming a criterion no bid is scored on', () => {
      expect(() => rankBids([aBid()], [{ rule: 'criterion', criterionCode: 'C9' }])).toThrow(/"C9" is scored in no bid/);
    });

    it('throws on a criterion tie-break without a criterion', () => {
      expect(() => rankBids([aBid()], [{ rule: 'criterion' }])).toThrow(/must name its criterionCode/);
    });

    it('throws on an unparsable submission instant', () => {
      expect(() => rankBids([aBid({ finalSubmittedAt: 'yesterday' })], [])).toThrow(/finalSubmittedAt/);
    });
  });
});

describe('rankBids (properties)', () => {
  const RUNS = { numRuns: 200 };
  const CHAIN_RULES: TieBreakRule[] = [
    { rule: 'criterion', criterionCode: 'C1' },
    { rule: 'criterion', criterionCode: 'C2' },
    { rule: 'earlier-final-submission' },
    { rule: 'smaller-request' },
    { rule: 'larger-cofinancing-share' },
  ];

  // Few distinct values, so ties at every level of the chain are common.
  const bidsArb = fc
    .uniqueArray(
      fc.record({
        number: fc.integer({ min: 1, max: 60 }),
        total: fc.option(fc.constantFrom(3, 3.5, 4.25, 0.1 + 0.2, 0.3), { freq: 8 }),
        c1: fc.option(fc.constantFrom(3, 3.5, 4)),
        c2: fc.constantFrom(3, 4),
        minute: fc.integer({ min: 0, max: 2 }),
        request: fc.constantFrom(100n, 200n),
        share: fc.constantFrom(2000, 3000),
        failing: fc.integer({ min: 0, max: 5 }).map((roll) => roll === 0),
      }),
      { selector: (bid) => bid.number, maxLength: 12 },
    )
    .map((records) =>
      records.map((r): RankingBid => ({
        bidId: `b${r.number}`,
        registrationNumber: `CL20-2016-${String(r.number).padStart(4, '0')}`,
        clusterId: 'c',
        weightedTotal: r.total,
        criterionScores: { C1: r.c1, C2: r.c2 },
        thresholdFailures: r.failing ? [{ criterionCode: 'C2', rule: 'minScore', value: r.c2, minimum: 3.5 }] : [],
        finalSubmittedAt: `2016-05-01T10:0${r.minute}:00.000Z`,
        requestedFederalKopecks: r.request,
        cofinancingBasisPoints: r.share,
      })),
    );
  const chainArb = fc.shuffledSubarray(CHAIN_RULES);
  const permutationOf = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

  it('gives identical output for any order of the same bids', () => {
    const inputs = bidsArb.chain((bids) => fc.tuple(fc.constant(bids), permutationOf(bids)));
    fc.assert(
      fc.property(inputs, chainArb, ([bids, shuffled], chain) => {
        expect(rankBids(shuffled, chain)).toEqual(rankBids(bids, chain));
      }),
      RUNS,
    );
  });

  it('ranks every scored bid once, 1..n, totals never rising, and explains exactly the ties with the bid above', () => {
    fc.assert(
      fc.property(bidsArb, chainArb, (bids, chain) => {
        const { ranked, excluded } = rankBids(bids, chain);
        expect(ranked.length + excluded.length).toBe(bids.length);
        expect(ranked.map((bid) => bid.rank)).toEqual(ranked.map((_, index) => index + 1));
        ranked.forEach((bid, index) => {
          if (index === 0) return expect(bid.tieBreak).toBeNull();
          const above = ranked[index - 1];
          const units = (total: number) => Math.round(total * 10_000);
          expect(units(bid.weightedTotal)).toBeLessThanOrEqual(units(above.weightedTotal));
          expect(bid.tieBreak === null).toBe(units(bid.weightedTotal) !== units(above.weightedTotal));
          if (bid.tieBreak?.rule === 'registration-number') expect(bid.registrationNumber > above.registrationNumber).toBe(true);
        });
      }),
      RUNS,
    );
  });
});
