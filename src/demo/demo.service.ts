import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '../common/access/access.decorators';
import { APP_CONFIG, type AppConfig } from '../common/config/config';
import { ClustersService } from '../clusters/clusters.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { UsersService } from '../users/users.service';
import { DEMO_CLUSTERS } from './demo-clusters';
import { demoProgrammes } from './demo-programmes';
import { demoInn } from './demo-ids';
import { DEMO_2016_REQUESTS } from './demo-bids';
import { DemoBidsService, type DemoApplicant } from './demo-bids.service';
import { DemoAllocationsService } from './demo-allocations.service';
import { DemoCommissionsService } from './demo-commissions.service';

/** Shared by every demo account; printed at start-up. Demo data is for trying konkurs, never for production. */
export const DEMO_PASSWORD = 'konkurs-demo-2026';
const DEMO_DOMAIN = 'konkurs.demo';
const BOOTSTRAP_LOCK = 727_002;

const STAFF: { login: string; role: Role; fullName: string; organisationInn?: string }[] = [
  { login: 'ministry', role: 'ministry', fullName: 'Ирина Соколова (Минэкономразвития, демо)' },
  { login: 'auditor', role: 'auditor', fullName: 'Пётр Лебедев (контрольный орган, демо)' },
  { login: 'expert1', role: 'commissioner', fullName: 'Анна Белова (эксперт, демо)', organisationInn: demoInn('770100101') },
  { login: 'expert2', role: 'commissioner', fullName: 'Дмитрий Орлов (эксперт, демо)', organisationInn: demoInn('540100102') },
  { login: 'expert3', role: 'commissioner', fullName: 'Елена Громова (эксперт, демо)', organisationInn: demoInn('780100103') },
  { login: 'expert4', role: 'commissioner', fullName: 'Сергей Ким (эксперт, демо)', organisationInn: demoInn('250100104') },
  { login: 'expert5', role: 'commissioner', fullName: 'Ольга Власова (эксперт, демо)', organisationInn: demoInn('660100105') },
];

/**
 * Start-up preparation that must happen once per database, whichever instance gets there first: the first
 * ministry account and, on a fresh database, the demo data. Runs under an advisory lock.
 */
@Injectable()
export class DemoService {
  private readonly logger = new Logger(DemoService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly clusters: ClustersService,
    private readonly programmes: ProgrammesService,
    private readonly demoBids: DemoBidsService,
    private readonly demoCommissions: DemoCommissionsService,
    private readonly demoAllocations: DemoAllocationsService,
  ) {}

  /** Returns lines to print for the person starting the app. */
  async prepare(): Promise<string[]> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK]);
      const lines: string[] = [];
      const admin = await this.users.ensureFirstMinistryAccount();
      if (admin?.password)
        lines.push(`First ministry account: ${admin.email} / ${admin.password}  (shown once; change it after signing in)`);
      if (this.config.loadDemoData) {
        if (!(await this.isSeeded())) await this.seed();
        lines.push(...this.demoLogins());
      }
      await lock.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK]);
      return lines;
    } finally {
      await lock.release();
    }
  }

  private async isSeeded(): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT exists(SELECT 1 FROM clusters WHERE is_demo) AS seeded`);
    return row.seeded as boolean;
  }

  private async seed() {
    const started = Date.now();
    const password = DEMO_PASSWORD;
    let ministryUserId = '';
    for (const staff of STAFF) {
      const user = await this.users.create(null, {
        email: `${staff.login}@${DEMO_DOMAIN}`,
        password,
        role: staff.role,
        fullName: staff.fullName,
        organisationInn: staff.organisationInn,
        isDemo: true,
      });
      if (staff.login === 'ministry') ministryUserId = user.id;
    }
    const applicants = new Map<string, DemoApplicant>();
    for (const { login, ...cluster } of DEMO_CLUSTERS) {
      const created = await this.clusters.create(null, { ...cluster, isDemo: true });
      const user = await this.users.create(null, {
        email: `${login}@${DEMO_DOMAIN}`,
        password,
        role: 'applicant',
        fullName: `${cluster.nameEn} — applicant (demo)`,
        clusterId: created.id,
        isDemo: true,
      });
      applicants.set(login, { userId: user.id, clusterId: created.id });
    }
    const [{ now }] = await this.dataSource.query('SELECT now() AS now');
    for (const demo of demoProgrammes(now as Date)) {
      const { programme } = await this.programmes.create(null, { ...demo.rules, isDemo: true });
      const fundingYear = demo.rules.fundingYears![0];
      if (!demo.historical) {
        await this.programmes.openAsSystem(programme.id);
        await this.demoBids.seedOpenCall(programme.id, fundingYear, applicants);
        continue;
      }
      await this.programmes.importHistoricalStatus(programme.id, demo.status);
      const round = { id: programme.id, code: programme.code, closesAt: programme.closesAt!, fundingYear };
      if (programme.code === 'PILOT-2014') await this.demoBids.seedHistoricalRound(round, applicants, () => 'eligible');
      else
        await this.demoBids.seedHistoricalRound(
          round,
          applicants,
          (login) => (login === 'krasnoyarsk' ? 'ineligible' : 'eligible'),
          DEMO_2016_REQUESTS,
        );
      // 2014: scored, settled and closed (ready for ranking); 2016: the commission is halfway through.
      const complete = programme.code === 'PILOT-2014';
      await this.demoCommissions.seed(programme.id, ministryUserId, DEMO_DOMAIN, fundingYear, complete);
      // 2014: ranked, allocated under every policy, the programme's own run published.
      if (complete) await this.demoAllocations.seed(programme.id, ministryUserId);
    }
    this.logger.log(`Loaded demo data in ${Date.now() - started} ms`);
  }

  private demoLogins(): string[] {
    return [
      `Demo logins (password for all: ${DEMO_PASSWORD}):`,
      `  ministry  ministry@${DEMO_DOMAIN}    auditor  auditor@${DEMO_DOMAIN}`,
      `  commission members  expert1@${DEMO_DOMAIN} … expert5@${DEMO_DOMAIN}`,
      `  applicants  ${DEMO_CLUSTERS.slice(0, 5)
        .map((c) => `${c.login}@${DEMO_DOMAIN}`)
        .join(', ')}, …`,
    ];
  }
}
