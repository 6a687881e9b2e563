import { Inject, Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AllocationsRepository, type RunRow } from '../allocations/allocations.repository';
import { CommissionBoardReader } from '../commissions/commission-board';
import { APP_CONFIG, type AppConfig } from '../common/config/config';
import { templatesDir } from '../common/pdf/templates';
import { FrozenRulesCache } from '../programmes/frozen-rules.cache';
import type { ProgrammeRules } from '../programmes/programme.rules';
import type { BidAggregate } from '../scoring/aggregation';
import { ScoringRepository } from '../scoring/scoring.repository';
import { ScoringService } from '../scoring/scoring.service';
import type { DecisionLetterData, DecisionOutcome, ProtocolData } from './decision.types';
import type { DecisionLanguage } from './decisions.repository';

interface Issuer {
  ministry: { nameRu: string; nameEn: string };
  signatory: { name: string; positionRu: string; positionEn: string };
  appealHowRu: string;
  appealHowEn: string;
}

/** What every document of one issue shares: read once per issue and kept while its jobs run. */
export interface IssueContext {
  programme: { id: string; code: string; titleRu: string; titleEn: string; appealWindowDays: number };
  rules: ProgrammeRules;
  run: RunRow;
  aggregates: Map<string, BidAggregate>;
  consensus: Map<string, string>;
  rankedCount: number;
  firstPublishedAt: Date;
}

const CATEGORY_TITLES: Record<string, { ru: string; en: string }> = {
  'specialised-organisation': { ru: 'Обеспечение деятельности специализированной организации', en: 'Specialised organisation support' },
  'training-and-education': { ru: 'Подготовка и повышение квалификации кадров', en: 'Training and education' },
  'joint-rnd': { ru: 'Совместные исследования и разработки', en: 'Joint research and development' },
  'exhibitions-and-promotion': { ru: 'Выставки и продвижение', en: 'Exhibitions and promotion' },
  'innovation-infrastructure': { ru: 'Инновационная инфраструктура', en: 'Innovation infrastructure' },
};

/** Gathers the plain data the decision letter and the protocol are rendered from. */
@Injectable()
export class DecisionData {
  private readonly contexts = new Map<string, Promise<IssueContext>>();
  private issuer: Issuer | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly allocations: AllocationsRepository,
    private readonly scoring: ScoringService,
    private readonly scores: ScoringRepository,
    private readonly board: CommissionBoardReader,
    private readonly rulesCache: FrozenRulesCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  verificationUrl(code: string): string {
    return `${(this.config.publicUrl ?? `http://localhost:${this.config.port}`).replace(/\/$/, '')}/verify/${code}`;
  }

  async letter(issueId: string, submissionId: string, language: DecisionLanguage, code: string, supersedes: string | null) {
    const context = await this.context(issueId);
    const [bid] = await this.dataSource.query(
      `SELECT b.*, s.registration_number, c.name_ru, c.name_en, c.organisation_name, c.organisation_inn, c.time_zone, now() AS now
       FROM allocation_run_bids b JOIN submissions s ON s.id = b.submission_id JOIN clusters c ON c.id = s.cluster_id
       WHERE b.run_id = $1 AND b.submission_id = $2`,
      [context.run.id, submissionId],
    );
    const issuer = this.issuerData();
    const aggregate = context.aggregates.get(submissionId);
    const justifications = await this.justifications(context, submissionId);
    const excluded = bid.outcome === 'excluded';
    const data: DecisionLetterData = {
      language,
      ministry: issuer.ministry,
      programme: { code: context.programme.code, titleRu: context.programme.titleRu, titleEn: context.programme.titleEn },
      cluster: {
        nameRu: bid.name_ru,
        nameEn: bid.name_en,
        organisationName: bid.organisation_name,
        organisationInn: bid.organisation_inn,
        timeZone: bid.time_zone,
      },
      registrationNumber: bid.registration_number,
      outcome: (excluded ? 'not_funded' : bid.outcome) as DecisionOutcome,
      excludedReason: excluded ? { ru: bid.reason.ru, en: bid.reason.en } : null,
      rank: bid.rank,
      rankedCount: context.rankedCount,
      weightedTotal: bid.weighted_total === null ? null : Number(bid.weighted_total),
      minWeightedTotal: context.rules.minWeightedTotal,
      requestedFederalKopecks: BigInt(bid.requested_federal_kopecks),
      fundedFederalKopecks: BigInt(bid.funded_federal_kopecks),
      fundedCofinancingKopecks: BigInt(bid.funded_cofinancing_kopecks),
      reservePosition: bid.reserve_position,
      lines: (
        bid.lines as { year: number; category: string; source: 'federal' | 'regional' | 'extra-budgetary'; amountKopecks: string }[]
      ).map((l) => ({ ...l, amountKopecks: BigInt(l.amountKopecks) })),
      categoryTitles: CATEGORY_TITLES,
      criteria: context.rules.criteria.map((criterion) => ({
        code: criterion.code,
        titleRu: criterion.titleRu,
        titleEn: criterion.titleEn,
        weight: criterion.weight,
        minScore: criterion.minScore,
        score: aggregate?.criteria.find((c) => c.criterionCode === criterion.code)?.final ?? null,
        justification: justifications.get(criterion.code) ?? '',
      })),
      appeal: {
        windowDays: context.programme.appealWindowDays,
        deadline: new Date(context.firstPublishedAt.getTime() + context.programme.appealWindowDays * 86_400_000),
        howRu: issuer.appealHowRu,
        howEn: issuer.appealHowEn,
      },
      issuedAt: bid.now,
      signatory: issuer.signatory,
      verification: { code, url: this.verificationUrl(code) },
      supersedes: supersedes ? { code: supersedes } : null,
    };
    return { data, outcome: data.outcome as string, fundedFederalKopecks: data.fundedFederalKopecks };
  }

  async protocol(issueId: string, language: DecisionLanguage, code: string): Promise<ProtocolData> {
    const context = await this.context(issueId);
    const board = await this.board.read(context.programme.id);
    const conflicts = board.conflicts;
    const byKind: Record<string, number> = {};
    for (const conflict of conflicts) byKind[conflict.kind] = (byKind[conflict.kind] ?? 0) + 1;
    const bids = await this.allocations.runBids(context.run.id);
    return {
      language,
      ministry: this.issuerData().ministry,
      programme: {
        code: context.programme.code,
        titleRu: context.programme.titleRu,
        titleEn: context.programme.titleEn,
        budgetKopecks: BigInt(context.rules.budgetKopecks ?? '0'),
      },
      commission: board.members.map((m) => ({ name: m.fullName, role: m.role, organisation: m.organisationName })),
      conflicts: {
        declared: conflicts.filter((c) => c.source !== 'derived').length,
        derived: conflicts.filter((c) => c.source === 'derived').length,
        byKind,
      },
      method: {
        aggregation: context.rules.aggregation,
        tieBreaks: context.rules.tieBreakChain.map((t) => {
          const criterion = context.rules.criteria.find((c) => c.code === t.criterionCode);
          return criterion ? `${t.rule}: ${language === 'ru' ? criterion.titleRu : criterion.titleEn}` : t.rule;
        }),
        policy: context.run.policy,
        reserveListLength: Number((context.run.inputs as { reserveListLength?: number }).reserveListLength ?? 0),
      },
      rows: bids.map((b) => ({
        rank: b.rank,
        registrationNumber: b.registrationNumber,
        clusterName: language === 'ru' ? b.clusterNameRu : b.clusterNameEn,
        weightedTotal: b.weightedTotal === null ? null : Number(b.weightedTotal),
        outcome: b.outcome === 'excluded' ? 'not_funded' : b.outcome,
        fundedFederalKopecks: b.fundedFederalKopecks,
      })),
      totals: {
        allocatedKopecks: context.run.allocatedKopecks,
        remainderKopecks: context.run.remainderKopecks,
        budgetKopecks: context.run.budgetKopecks,
      },
      publishedAt: context.run.publishedAt!,
      runNumber: context.run.number,
      verification: { code, url: this.verificationUrl(code) },
    };
  }

  async context(issueId: string): Promise<IssueContext> {
    let context = this.contexts.get(issueId);
    if (!context) {
      context = this.load(issueId);
      this.contexts.set(issueId, context);
      context.catch(() => this.contexts.delete(issueId));
      // Keep a handful: the contexts of issues still running, not every issue ever.
      if (this.contexts.size > 4) this.contexts.delete(this.contexts.keys().next().value as string);
    }
    return context;
  }

  private async load(issueId: string): Promise<IssueContext> {
    const [issue] = await this.dataSource.query(
      `SELECT i.programme_id, i.run_id, p.code, p.title_ru, p.title_en, p.appeal_window_days, p.rules_version
       FROM decision_issues i JOIN programmes p ON p.id = i.programme_id WHERE i.id = $1`,
      [issueId],
    );
    const rules = (await this.rulesCache.get(issue.programme_id, issue.rules_version))!;
    const run = (await this.allocations.run(issue.programme_id, issue.run_id))!;
    const { aggregates } = await this.scoring.aggregates(issue.programme_id);
    const consensus = await this.scores.consensus(issue.programme_id);
    const [counts] = await this.dataSource.query(`SELECT count(rank)::int AS ranked FROM allocation_run_bids WHERE run_id = $1`, [run.id]);
    return {
      programme: {
        id: issue.programme_id,
        code: issue.code,
        titleRu: issue.title_ru,
        titleEn: issue.title_en,
        appealWindowDays: issue.appeal_window_days,
      },
      rules,
      run,
      aggregates: new Map(aggregates.map((a) => [a.bidId, a])),
      consensus: new Map(consensus.map((c) => [`${c.bidId}:${c.criterionCode}`, c.justification])),
      rankedCount: counts.ranked,
      firstPublishedAt: (await this.allocations.firstPublishedAt(issue.programme_id))!,
    };
  }

  /** Per criterion: the chair's consensus justification, else the reviewers' justifications (anonymous, numbered). */
  private async justifications(context: IssueContext, submissionId: string): Promise<Map<string, string>> {
    const scores = await this.scores.submittedScores(context.programme.id, submissionId);
    const result = new Map<string, string>();
    for (const criterion of context.rules.criteria) {
      const consensus = context.consensus.get(`${submissionId}:${criterion.code}`);
      if (consensus) {
        result.set(criterion.code, consensus);
        continue;
      }
      const texts = scores.filter((s) => s.criterionCode === criterion.code).map((s, i) => `${i + 1}) ${s.justification}`);
      result.set(criterion.code, texts.join(' '));
    }
    return result;
  }

  private issuerData(): Issuer {
    this.issuer ??= JSON.parse(readFileSync(join(templatesDir(), 'issuer.json'), 'utf8')) as Issuer;
    return this.issuer;
  }
}
