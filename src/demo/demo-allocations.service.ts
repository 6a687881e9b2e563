import { Injectable } from '@nestjs/common';
import { AllocationsService } from '../allocations/allocations.service';
import { RankingService } from '../allocations/ranking.service';
import { DecisionsService } from '../decisions/decisions.service';
import { actorOf } from './demo-commissions.service';

/**
 * The 2014-like programme after its commission: ranked, allocated with each policy as what-if runs (so a new user
 * sees the policies side by side on real-looking numbers: 2.5 bn roubles against requests well above it) and the
 * programme's own policy (proportional) published, with its decisions issued.
 */
@Injectable()
export class DemoAllocationsService {
  constructor(
    private readonly ranking: RankingService,
    private readonly allocations: AllocationsService,
    private readonly decisions: DecisionsService,
  ) {}

  async seed(programmeId: string, ministryUserId: string) {
    const ministry = actorOf(ministryUserId, 'ministry');
    await this.ranking.rank(ministry, programmeId);
    const published = await this.allocations.createRun(ministry, programmeId, {
      label: 'Пропорционально (правила программы) / Proportional (programme rules)',
    });
    await this.allocations.createRun(ministry, programmeId, {
      label: 'По рейтингу с пропуском / Greedy, skip what does not fit',
      policy: 'greedy-skip',
    });
    await this.allocations.createRun(ministry, programmeId, {
      label: 'Частичное финансирование последнего (≥ 50 %) / Partial marginal (≥ 50 %)',
      policy: 'partial-marginal',
      partialMinShareBasisPoints: 5000,
    });
    await this.allocations.createRun(ministry, programmeId, { label: 'Бюджет −20 % / Budget −20 %', budgetKopecks: '200000000000' });
    await this.allocations.createRun(ministry, programmeId, {
      label: 'Отбор 8 лучших / Top 8 (status only)',
      policy: 'select-top-n',
      selectTopN: 8,
    });
    await this.allocations.publish(ministry, programmeId, published.id, {});
    // Rendered in the background by the job queue; the letters and protocol appear within seconds of start-up.
    await this.decisions.issue(ministry, programmeId);
  }
}
