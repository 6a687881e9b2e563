import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { type Tx, TransactionRunner } from '../common/database/transaction';
import { notFound } from '../common/errors/domain-error';
import { CommissionsRepository } from '../commissions/commissions.repository';
import type { ProgrammeRules } from '../programmes/programme.rules';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import type { BidAggregate, ThresholdFailure } from '../scoring/aggregation';
import { ScoringService } from '../scoring/scoring.service';
import { notReadyToRank } from './allocations.errors';
import { AllocationsRepository, type RankableBid } from './allocations.repository';
import { type ExclusionReason, type Ranking, type RankingBid, rankBids } from './ranking';
import { sumKopecks } from './split';

/** The ranking as stored when the programme is ranked: bigints as decimal strings. */
export interface StoredRanking {
  ranked: (Omit<Ranking['ranked'][number], 'requestedFederalKopecks'> & { requestedFederalKopecks: string })[];
  excluded: (Ranking['excluded'][number] & { requestedFederalKopecks: string })[];
}

export function cofinancingBasisPoints(bid: RankableBid): number {
  const total = sumKopecks(bid.lines.map((l) => l.amountKopecks));
  if (total === 0n) return 0;
  const cofinancing = sumKopecks(bid.lines.filter((l) => l.source !== 'federal').map((l) => l.amountKopecks));
  return Number((cofinancing * 10_000n) / total);
}

/** Why a bid dropped out, in both languages, for the run's row and the decision letter. */
export function exclusionText(reasons: ExclusionReason[]): { ru: string; en: string } {
  const texts = reasons.map((reason) => {
    if (reason.rule === 'notScored') return { ru: 'оценки комиссии не завершены', en: 'the commission did not complete its scores' };
    const failure = reason as ThresholdFailure;
    const number = (value: number, language: 'ru' | 'en') => (language === 'ru' ? String(value).replace('.', ',') : String(value));
    return failure.rule === 'minScore'
      ? {
          ru: `оценка по критерию «${failure.criterionCode}» ${number(failure.value, 'ru')} ниже минимума ${number(failure.minimum, 'ru')}`,
          en: `score on criterion "${failure.criterionCode}" ${failure.value} is below the minimum ${failure.minimum}`,
        }
      : {
          ru: `взвешенная сумма ${number(failure.value, 'ru')} ниже минимума ${number(failure.minimum, 'ru')}`,
          en: `weighted total ${failure.value} is below the minimum ${failure.minimum}`,
        };
  });
  return {
    ru: `Не допущена к распределению: ${texts.map((t) => t.ru).join('; ')}`,
    en: `Not ranked: ${texts.map((t) => t.en).join('; ')}`,
  };
}

function rankingInput(rules: ProgrammeRules, bids: RankableBid[], aggregates: BidAggregate[]): RankingBid[] {
  const byBid = new Map(aggregates.map((a) => [a.bidId, a]));
  return bids.map((bid) => {
    const aggregate = byBid.get(bid.id);
    const finals = new Map(aggregate?.criteria.map((c) => [c.criterionCode, c.final]) ?? []);
    return {
      bidId: bid.id,
      registrationNumber: bid.registrationNumber,
      clusterId: bid.clusterId,
      weightedTotal: aggregate?.weightedTotal ?? null,
      criterionScores: Object.fromEntries(rules.criteria.map((c) => [c.code, finals.get(c.code) ?? null])),
      thresholdFailures: aggregate?.thresholdFailures ?? [],
      finalSubmittedAt: bid.submittedAt.toISOString(),
      requestedFederalKopecks: bid.requestedFederalKopecks,
      cofinancingBasisPoints: cofinancingBasisPoints(bid),
    };
  });
}

export function storedForm(ranking: Ranking, bids: RankableBid[]): StoredRanking {
  const requested = new Map(bids.map((b) => [b.id, b.requestedFederalKopecks.toString()]));
  return {
    ranked: ranking.ranked.map((r) => ({ ...r, requestedFederalKopecks: r.requestedFederalKopecks.toString() })),
    excluded: ranking.excluded.map((e) => ({ ...e, requestedFederalKopecks: requested.get(e.bidId) ?? '0' })),
  };
}

/**
 * Ranking: thresholds first (bids below any drop out, with the reason), then weighted total and the programme's
 * tie-break chain. Previewed live while the commission works; stored once when staff rank the programme, and every
 * allocation run starts from that stored ranking.
 */
@Injectable()
export class RankingService {
  constructor(
    private readonly repository: AllocationsRepository,
    private readonly scoring: ScoringService,
    private readonly programmes: ProgrammesRepository,
    private readonly commissions: CommissionsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The stored ranking, or a live preview computed from the scores as they stand. */
  async ranking(programmeId: string) {
    const programme = await this.programmes.findById(programmeId);
    if (!programme || programme.status === 'draft') throw notFound('Programme', programmeId);
    const stored = await this.repository.storedRanking(programmeId);
    if (stored) return { programme, stored: true, rankedAt: stored.rankedAt, ranking: stored.ranking as StoredRanking };
    const { ranking, bids } = await this.compute(programmeId);
    return { programme, stored: false, rankedAt: null, ranking: storedForm(ranking, bids) };
  }

  /** Freezes the ranking: the commission must be closed; the programme moves scoring → ranked; audited. */
  async rank(actor: Actor, programmeId: string) {
    return this.transactions.run(async (tx) => {
      const found = await this.programmes.findWithRules(programmeId, tx, true);
      if (!found || found.programme.status === 'draft') throw notFound('Programme', programmeId);
      const { programme } = found;
      if (programme.status !== 'scoring') throw notReadyToRank(`it is ${programme.status}, and only a programme in scoring is ranked`);
      const commission = await this.commissions.lock(tx, programmeId);
      if (commission.status !== 'closed') throw notReadyToRank('the commission has not closed its scoring');
      const { ranking, bids } = await this.compute(programmeId, tx);
      const stored = storedForm(ranking, bids);
      await this.repository.saveRanking(tx, programmeId, stored, actor.userId);
      await this.repository.setSubmissionStatuses(
        tx,
        bids.map((b) => b.id),
        'ranked',
      );
      await this.programmes.moveStatus(tx, programmeId, 'scoring', 'ranked');
      await this.audit.record(tx, actor, {
        action: 'programme.ranked',
        entityType: 'programme',
        entityId: programmeId,
        before: { status: 'scoring' },
        after: {
          status: 'ranked',
          ranked: stored.ranked.map((r) => ({ rank: r.rank, registrationNumber: r.registrationNumber, weightedTotal: r.weightedTotal })),
          excluded: stored.excluded.map((e) => e.registrationNumber),
        },
      });
      return {
        programme: { ...programme, status: 'ranked' as const },
        stored: true,
        rankedAt: await this.commissions.clock(tx),
        ranking: stored,
      };
    });
  }

  private async compute(programmeId: string, tx?: Tx) {
    const { rules, aggregates } = await this.scoring.aggregates(programmeId, tx);
    const bids = await this.repository.rankableBids(programmeId, tx);
    return { rules, bids, ranking: rankBids(rankingInput(rules, bids, aggregates), rules.tieBreakChain) };
  }
}
