import type { ProgrammeRules } from '../../programmes/programme.rules';
import { applyPanel } from '../applicant/views/my-bids.view';
import { html, type SafeHtml } from '../html';
import type { PageContext } from '../page-context';
import { countdown, instant, paragraphs, scrollTable, statusBadge } from '../views/components';
import { formatNumber, formatPercent, formatRoubles } from '../views/format';
import { layout } from '../views/layout';
import type { ProgrammeSummary } from './home.view';
import type { PublicResults } from './public-results';

export interface ProgrammePageData {
  programme: ProgrammeSummary;
  rules: ProgrammeRules;
  /** The published results; null until publication. */
  results: PublicResults | null;
  /** Languages of the issued protocol (empty until decisions are issued). */
  protocols: ('ru' | 'en')[];
  now: Date;
}

const AWAITING_RESULTS = ['open', 'closed', 'scoring', 'ranked'];

/** One competition as the public reads it: conditions, criteria, allocation rules and, once published, the results. */
export function programmePage(context: PageContext, data: ProgrammePageData): SafeHtml {
  const { t, language } = context;
  const { programme, rules } = data;
  const title = language === 'en' ? programme.titleEn : programme.titleRu;
  const otherTitle = language === 'en' ? programme.titleRu : programme.titleEn;
  const description = language === 'en' ? rules.descriptionEn : rules.descriptionRu;
  const main = html`<div class="page-head">
      ${statusBadge(t, programme.status)}<span class="code">${programme.code}</span>${
        programme.isDemo && html`<span class="badge badge-demo">${t.demoData}</span>`
      }
    </div>
    <h1>${title}</h1>
    <p class="subtitle">
      <span class="visually-hidden">${t.otherLanguageTitle}: </span><span lang="${language === 'en' ? 'ru' : 'en'}">${otherTitle}</span>
    </p>
    ${data.results && html`<p><a href="#results">${t.jumpToResults}</a></p>`}
    ${programme.status === 'open' && programme.closesAt && countdown(context, programme.opensAt, programme.closesAt, data.now)}
    ${applyPanel(context, programme, data.now)}
    ${
      description &&
      html`<section aria-labelledby="about">
        <h2 id="about">${t.description}</h2>
        ${paragraphs(description)}
      </section>`
    }
    ${keyFacts(context, data)} ${criteria(context, rules)} ${rules.eligibilityChecklist.length > 0 && eligibility(context, rules)}
    ${allocation(context, rules)}
    ${data.results ? results(context, programme.id, data.results, data.protocols) : AWAITING_RESULTS.includes(programme.status) && awaitingResults(context)}`;
  return layout(context, {
    title,
    main,
    breadcrumbs: [{ label: t.navProgrammes, href: '/' }, { label: programme.code }],
  });
}

function keyFacts(context: PageContext, { programme, rules }: ProgrammePageData): SafeHtml {
  const { t, language } = context;
  const money = (kopecks: string | null, none: string) => (kopecks === null ? none : formatRoubles(kopecks, language));
  return html`<section class="section" aria-labelledby="facts">
    <h2 id="facts">${t.keyFacts}</h2>
    <dl class="facts">
      <dt>${t.budget}</dt>
      <dd>${money(rules.budgetKopecks, t.budgetNotSet)}</dd>
      <dt>${t.opens}</dt>
      <dd>${programme.opensAt ? instant(context, programme.opensAt) : t.notScheduled}</dd>
      <dt>${t.closes}</dt>
      <dd>${programme.closesAt ? instant(context, programme.closesAt) : t.notScheduled}</dd>
      ${
        rules.fundingYears.length > 0 &&
        html`<dt>${t.fundingYears}</dt>
          <dd>${rules.fundingYears.join(', ')}</dd>`
      }
      <dt>${t.maxPerBid}</dt>
      <dd>${money(rules.maxFederalPerBidKopecks, t.noLimit)}</dd>
      <dt>${t.maxPerCluster}</dt>
      <dd>${money(rules.maxFederalPerClusterKopecks, t.noLimit)}</dd>
      <dt>${t.minCofinancing}</dt>
      <dd>${formatPercent(rules.minCofinancingBasisPoints, language)}</dd>
      <dt>${t.bidsPerCluster}</dt>
      <dd>${rules.singleActiveBid ? t.singleBid : t.severalBids}</dd>
      ${
        rules.costCategories.length > 0 &&
        html`<dt>${t.costCategories}</dt>
          <dd>${rules.costCategories.map((code) => t.costCategory[code] ?? code).join('; ')}</dd>`
      }
    </dl>
  </section>`;
}

function criteria(context: PageContext, rules: ProgrammeRules): SafeHtml {
  const { t, language } = context;
  const number = (value: number) => formatNumber(value, language);
  // Explicit roles keep the table a table for assistive technology when phones lay its rows out as cards.
  const rows = rules.criteria.map(
    (c) =>
      html`<tr role="row">
        <th scope="row" role="rowheader">${language === 'en' ? c.titleEn : c.titleRu}</th>
        <td class="num" role="cell" data-label="${t.weight}">${formatPercent(c.weight * 100, language)}</td>
        <td class="nowrap" role="cell" data-label="${t.scale}">
          ${t.scaleRange(number(c.scaleMin), number(c.scaleMax), number(c.scaleStep))}
        </td>
        <td class="num" role="cell" data-label="${t.minScore}">${c.minScore === null ? t.none : number(c.minScore)}</td>
      </tr>`,
  );
  const table = html`<table class="stack-on-phone" role="table">
    <caption class="visually-hidden">
      ${t.criteriaCaption}
    </caption>
    <thead>
      <tr role="row">
        <th scope="col" role="columnheader">${t.criterion}</th>
        <th scope="col" role="columnheader" class="num">${t.weight}</th>
        <th scope="col" role="columnheader">${t.scale}</th>
        <th scope="col" role="columnheader" class="num">${t.minScore}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
  return html`<section class="section" aria-labelledby="criteria">
    <h2 id="criteria">${t.criteriaTitle}</h2>
    ${scrollTable(t.criteriaCaption, table)}
    <dl class="facts">
      ${
        rules.minWeightedTotal !== null &&
        html`<dt>${t.minWeightedTotal}</dt>
          <dd>${number(rules.minWeightedTotal)}</dd>`
      }
      <dt>${t.reviewersPerBid}</dt>
      <dd>${rules.reviewersPerBid}</dd>
      <dt>${t.aggregationLabel}</dt>
      <dd>${t.aggregation[rules.aggregation]}</dd>
    </dl>
  </section>`;
}

function eligibility(context: PageContext, rules: ProgrammeRules): SafeHtml {
  const { t, language } = context;
  return html`<section class="section" aria-labelledby="eligibility">
    <h2 id="eligibility">${t.eligibilityTitle}</h2>
    <ul class="plain-list">
      ${rules.eligibilityChecklist.map((item) => html`<li>${language === 'en' ? item.textEn : item.textRu}</li>`)}
    </ul>
  </section>`;
}

function allocation(context: PageContext, rules: ProgrammeRules): SafeHtml {
  const { t, language } = context;
  const criterionTitle = (code: string | undefined) => {
    const found = rules.criteria.find((c) => c.code === code);
    return found ? (language === 'en' ? found.titleEn : found.titleRu) : (code ?? '');
  };
  return html`<section class="section" aria-labelledby="allocation">
    <h2 id="allocation">${t.allocationTitle}</h2>
    <dl class="facts">
      <dt>${t.policyLabel}</dt>
      <dd>${t.policyName[rules.allocationPolicy]}. ${t.policy[rules.allocationPolicy]}</dd>
      ${
        rules.allocationPolicy === 'partial-marginal' &&
        rules.partialMinShareBasisPoints !== null &&
        html`<dt>${t.partialMinShare}</dt>
          <dd>${formatPercent(rules.partialMinShareBasisPoints, language)}</dd>`
      }
      ${
        rules.allocationPolicy === 'select-top-n' &&
        rules.selectTopN !== null &&
        html`<dt>${t.selectTopN}</dt>
          <dd>${rules.selectTopN}</dd>`
      }
      ${
        rules.reserveListLength > 0 &&
        html`<dt>${t.reserveList}</dt>
          <dd>${t.reserveListLength(rules.reserveListLength)}</dd>`
      }
      <dt>${t.appealWindow}</dt>
      <dd>${t.appealWindowDays(rules.appealWindowDays)}</dd>
    </dl>
    <h3>${t.tieBreakTitle}</h3>
    <ol class="plain-list">
      ${rules.tieBreakChain.map((rule) => html`<li>${t.tieBreak[rule.rule](criterionTitle(rule.criterionCode))}</li>`)}
      <li>${t.tieBreakLast}</li>
    </ol>
  </section>`;
}

function awaitingResults(context: PageContext): SafeHtml {
  const { t } = context;
  return html`<section class="section" aria-labelledby="results">
    <h2 id="results">${t.resultsTitle}</h2>
    <p class="notice">${t.noResultsYet}</p>
  </section>`;
}

function results(context: PageContext, programmeId: string, published: PublicResults, protocols: ('ru' | 'en')[]): SafeHtml {
  const { t, language } = context;
  // Weighted totals with the four decimals they are stored with: bids the ranking separated never look tied.
  const rows = published.items.map(
    (row) =>
      html`<tr role="row">
        <td class="num rank" role="cell" data-label="${t.rank}">
          ${row.rank ?? html`<span aria-hidden="true">${t.none}</span><span class="visually-hidden">${t.notRanked}</span>`}
        </td>
        <td class="code" role="cell" data-label="${t.registrationNumber}">${row.registrationNumber}</td>
        <th scope="row" role="rowheader">${language === 'en' ? row.clusterNameEn : row.clusterNameRu}</th>
        <td class="num" role="cell" data-label="${t.weightedTotal}">
          ${row.weightedTotal === null ? t.none : formatNumber(row.weightedTotal, language, 4, 4)}
        </td>
        <td role="cell" data-label="${t.outcomeLabel}"><span class="outcome outcome-${row.outcome}">${t.outcome[row.outcome]}</span></td>
        <td class="num" role="cell" data-label="${t.fundedAmount}">${formatRoubles(row.fundedKopecks, language)}</td>
      </tr>`,
  );
  const table = html`<table class="results stack-on-phone" role="table">
    <caption class="visually-hidden">
      ${t.resultsCaption}
    </caption>
    <thead>
      <tr role="row">
        <th scope="col" role="columnheader" class="num">${t.rank}</th>
        <th scope="col" role="columnheader">${t.registrationNumber}</th>
        <th scope="col" role="columnheader">${t.cluster}</th>
        <th scope="col" role="columnheader" class="num">${t.weightedTotal}</th>
        <th scope="col" role="columnheader">${t.outcomeLabel}</th>
        <th scope="col" role="columnheader" class="num">${t.fundedAmount}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
  const api = `/api/v1/programmes/${programmeId}`;
  return html`<section class="section" aria-labelledby="results">
    <h2 id="results">${t.resultsTitle}</h2>
    <p>${t.resultsRun(published.runNumber)}. ${t.resultsPublishedAt}: ${instant(context, published.publishedAt)}</p>
    <ul class="summary-figures">
      <li><span>${t.budget}</span><strong>${formatRoubles(published.budgetKopecks, language)}</strong></li>
      <li><span>${t.allocated}</span><strong>${formatRoubles(published.allocatedKopecks, language)}</strong></li>
      <li><span>${t.remainder}</span><strong>${formatRoubles(published.remainderKopecks, language)}</strong></li>
    </ul>
    ${scrollTable(t.resultsCaption, table)}
    <h3>${t.downloads}</h3>
    <ul class="downloads">
      <li><a href="${api}/results.csv" download>${t.downloadCsv}</a></li>
      <li><a href="${api}/results.xlsx" download>${t.downloadXlsx}</a></li>
      ${protocols.map((lang) => html`<li><a href="${api}/protocol?lang=${lang}" download>${lang === 'ru' ? t.downloadProtocolRu : t.downloadProtocolEn}</a></li>`)}
    </ul>
  </section>`;
}
