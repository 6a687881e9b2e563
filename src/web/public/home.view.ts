import type { ProgrammeEntity } from '../../programmes/programme.entity';
import type { ProgrammeStatus } from '../../programmes/programme.rules';
import { html, type SafeHtml } from '../html';
import type { PageContext } from '../page-context';
import { countdown, instant, statusBadge } from '../views/components';
import { formatRoubles } from '../views/format';
import { layout } from '../views/layout';

export type ProgrammeSummary = Pick<
  ProgrammeEntity,
  'id' | 'code' | 'status' | 'titleRu' | 'titleEn' | 'budgetKopecks' | 'opensAt' | 'closesAt' | 'isDemo'
>;

export interface HomeData {
  programmes: ProgrammeSummary[];
  now: Date;
}

const GROUPS: { key: 'groupOpen' | 'groupInProgress' | 'groupCompleted' | 'groupDrafts'; statuses: ProgrammeStatus[] }[] = [
  { key: 'groupOpen', statuses: ['open'] },
  { key: 'groupInProgress', statuses: ['closed', 'scoring', 'ranked'] },
  { key: 'groupCompleted', statuses: ['published', 'archived'] },
  { key: 'groupDrafts', statuses: ['draft'] },
];

/** The public list of competitions, grouped by where they stand; drafts appear only for staff (the service decides). */
export function homePage(context: PageContext, data: HomeData): SafeHtml {
  const { t } = context;
  const groups = GROUPS.map((group) => ({ ...group, items: data.programmes.filter((p) => group.statuses.includes(p.status)) })).filter(
    (group) => group.items.length > 0,
  );
  const main = html`<h1>${t.homeTitle}</h1>
    <p class="lead">${t.homeIntro}</p>
    ${groups.length === 0 && html`<p class="notice">${t.noProgrammes}</p>`}
    ${groups.map(
      (group) =>
        html`<section aria-labelledby="group-${group.key}">
          <h2 id="group-${group.key}">${t[group.key]}</h2>
          <ul class="programme-list">
            ${group.items.map((programme) => card(context, programme, data.now))}
          </ul>
        </section>`,
    )}`;
  return layout(context, { title: t.homeTitle, main });
}

function card(context: PageContext, programme: ProgrammeSummary, now: Date): SafeHtml {
  const { t, language } = context;
  const title = language === 'en' ? programme.titleEn : programme.titleRu;
  return html`<li class="programme-card">
    <div class="card-main">
      <div class="card-meta">
        ${statusBadge(t, programme.status)}<span class="code">${programme.code}</span
        >${programme.isDemo && html`<span class="badge badge-demo">${t.demoData}</span>`}
      </div>
      <h3><a href="/programmes/${programme.id}">${title}</a></h3>
    </div>
    <div class="card-side">
      <dl class="card-facts">
        <dt>${t.budget}</dt>
        <dd>${programme.budgetKopecks === null ? t.budgetNotSet : formatRoubles(programme.budgetKopecks, language)}</dd>
        <dt>${t.callWindow}</dt>
        <dd>${callWindow(context, programme)}</dd>
      </dl>
      ${programme.status === 'open' && programme.closesAt && countdown(context, programme.opensAt, programme.closesAt, now)}
    </div>
  </li>`;
}

/** `opens — closes`, both in Moscow time (and the applicant's zone). */
export function callWindow(context: PageContext, programme: Pick<ProgrammeSummary, 'opensAt' | 'closesAt'>): SafeHtml {
  if (!programme.opensAt || !programme.closesAt) return html`${context.t.notScheduled}`;
  return html`${instant(context, programme.opensAt)} —<br />${instant(context, programme.closesAt)}`;
}
