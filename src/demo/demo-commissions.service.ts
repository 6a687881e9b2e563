import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/access/access.decorators';
import { AssignmentsService } from '../commissions/assignments.service';
import { CommissionsRepository } from '../commissions/commissions.repository';
import { CommissionsService } from '../commissions/commissions.service';
import { FrozenRulesCache } from '../programmes/frozen-rules.cache';
import type { CriterionRule } from '../programmes/programme.rules';
import { ReviewsService } from '../scoring/reviews.service';
import { ScoringService } from '../scoring/scoring.service';
import { demoInn } from './demo-ids';

/** The demo commission: five experts from five regions (expert1 chairs), their employers and fields. */
const EXPERTS = [
  {
    login: 'expert1',
    organisationName: 'ФГБУ «Российский фонд технологического развития» (демо)',
    inn: '770100101',
    regionCode: 'RU-MOW',
    expertise: ['IT', 'pharmaceuticals'],
  },
  {
    login: 'expert2',
    organisationName: 'Институт экономики и организации промышленного производства СО РАН (демо)',
    inn: '540100102',
    regionCode: 'RU-NVS',
    expertise: ['IT', 'biotechnology'],
  },
  {
    login: 'expert3',
    organisationName: 'Санкт-Петербургский политехнический университет (демо)',
    inn: '780100103',
    regionCode: 'RU-SPE',
    expertise: ['new materials', 'nuclear technology'],
  },
  {
    login: 'expert4',
    organisationName: 'Дальневосточный федеральный университет (демо)',
    inn: '250100104',
    regionCode: 'RU-PRI',
    expertise: ['biomedicine', 'pharmaceuticals'],
  },
  {
    login: 'expert5',
    organisationName: 'Уральский федеральный университет (демо)',
    inn: '660100105',
    regionCode: 'RU-SVE',
    expertise: ['chemistry', 'new materials'],
  },
];

const JUSTIFICATIONS = [
  'Программа развития кластера обоснована, мероприятия увязаны с бюджетом и показателями; риски описаны частично.',
  'Сильная кооперация участников и вузов региона, но доля внебюджетного софинансирования ниже, чем у лидеров конкурса.',
  'Управляющая компания кластера работает по стандарту, отчётность прозрачна; план на 2017–2018 годы реалистичен.',
  'Потенциал роста выручки участников подтверждён расчётами, однако часть проектов находится на ранней стадии.',
];

/** A stable pseudo-random integer in [0, n) for a key: the demo looks the same on every machine. */
const pick = (key: string, n: number) => createHash('sha256').update(key).digest().readUInt32BE(0) % n;

function demoScore(criterion: CriterionRule, bidKey: string, reviewer: string, wild: boolean): number {
  const steps = Math.round((criterion.scaleMax - criterion.scaleMin) / criterion.scaleStep);
  // The bid's quality sets the level; each reviewer adds a step or so of their own; a "wild" review strays far.
  const quality = Math.round(steps * (0.35 + pick(bidKey, 55) / 100));
  const noise = wild ? -Math.ceil(steps / 2) : pick(`${bidKey}:${reviewer}:${criterion.code}`, 3) - 1;
  const step = Math.min(steps, Math.max(0, quality + noise));
  return criterion.scaleMin + step * criterion.scaleStep;
}

export const actorOf = (userId: string, role: Actor['role']): Actor => ({ userId, role, email: '', clusterId: null, sessionId: '' });

/** Commissions for the historical demo rounds: members, a seeded assignment, scores, and for 2014 consensus and close. */
@Injectable()
export class DemoCommissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commissionsService: CommissionsService,
    private readonly commissions: CommissionsRepository,
    private readonly assignments: AssignmentsService,
    private readonly reviews: ReviewsService,
    private readonly scoring: ScoringService,
    private readonly rulesCache: FrozenRulesCache,
  ) {}

  /** `complete`: every review submitted, disagreements settled and the commission closed (ready for ranking). */
  async seed(programmeId: string, ministryUserId: string, domain: string, seed: number, complete: boolean) {
    const ministry = actorOf(ministryUserId, 'ministry');
    const users = await this.expertUsers(domain);
    for (const [index, expert] of EXPERTS.entries()) {
      await this.commissionsService.addMember(ministry, programmeId, {
        userId: users.get(expert.login)!,
        role: index === 0 ? 'chair' : 'member',
        organisationName: expert.organisationName,
        organisationInn: demoInn(expert.inn),
        regionCode: expert.regionCode,
        loadCap: 12,
        expertise: expert.expertise,
      });
    }
    await this.assignments.run(ministry, programmeId, { seed, useExpertise: true });
    await this.score(programmeId, users, complete);
    if (!complete) return;
    await this.settleDisagreements(programmeId, actorOf(users.get(EXPERTS[0].login)!, 'commissioner'));
    await this.scoring.close(ministry, programmeId);
  }

  private async score(programmeId: string, users: Map<string, string>, complete: boolean) {
    const programme = (await this.dataSource.query(`SELECT rules_version FROM programmes WHERE id = $1`, [programmeId]))[0];
    const rules = (await this.rulesCache.get(programmeId, programme.rules_version))!;
    const members = await this.commissions.members(programmeId);
    const assignments = await this.commissions.assignments(programmeId);
    for (const [n, assignment] of assignments.entries()) {
      const member = members.find((m) => m.id === assignment.memberId)!;
      const login = EXPERTS.find((e) => demoInn(e.inn) === member.organisationInn)!.login;
      const actor = actorOf(users.get(login)!, 'commissioner');
      // In the round still being scored some reviews are not started and some only drafted.
      if (!complete && n % 5 === 4) continue;
      const wild = pick(`${assignment.submissionId}:${login}:wild`, 9) === 0;
      const scores = rules.criteria.map((criterion, i) => ({
        criterionCode: criterion.code,
        score: demoScore(criterion, assignment.submissionId, login, wild),
        justification: JUSTIFICATIONS[(n + i) % JUSTIFICATIONS.length],
      }));
      await this.reviews.saveDraft(actor, assignment.id, scores);
      if (complete || n % 5 < 3) await this.reviews.submit(actor, assignment.id);
    }
  }

  private async settleDisagreements(programmeId: string, chair: Actor) {
    const { results } = await this.scoring.disagreements(chair, programmeId);
    for (const { bid, aggregate } of results) {
      const disputed = aggregate!.criteria.filter((c) => c.disagreement);
      await this.scoring.setConsensus(
        chair,
        programmeId,
        bid.id,
        disputed.map((c) => ({
          criterionCode: c.criterionCode,
          score: c.reviewerScores.map((r) => r.score).sort((a, b) => a - b)[Math.floor(c.reviewerScores.length / 2)],
          justification: 'Консенсус комиссии: оценка выставлена по медиане после обсуждения расхождения на заседании.',
        })),
      );
    }
  }

  private async expertUsers(domain: string): Promise<Map<string, string>> {
    const rows: { id: string; email: string }[] = await this.dataSource.query(`SELECT id, email FROM users WHERE email = ANY($1)`, [
      EXPERTS.map((e) => `${e.login}@${domain}`),
    ]);
    return new Map(rows.map((r) => [r.email.split('@')[0], r.id]));
  }
}
