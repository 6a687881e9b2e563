import type { ProgrammeRules } from '../../../programmes/programme.rules';
import { BUDGET_SOURCES, type BudgetLine, budgetTotals as sumBudget } from '../../../submissions/submission.rules';
import { html, type SafeHtml } from '../../html';
import type { PageContext } from '../../page-context';
import { scrollTable } from '../../views/components';
import { formatPercent, formatRoubles } from '../../views/format';
import { parseRoubleAmount } from '../amount-input';
import type { BudgetRowInput } from '../bid-form';
import type { ShownProblem } from '../bid-problems';
import { budgetTotals, describedBy, fieldError, problemsAt, type Totals } from './bid-parts';

/** The running totals of what is typed: readable amounts summed per source, unreadable ones counted. */
export function totalsOfRows(rows: BudgetRowInput[]): Totals {
  const totals: Totals = { federal: 0n, regional: 0n, extraBudgetary: 0n, unreadable: 0 };
  for (const row of rows) {
    const parsed = parseRoubleAmount(row.amount);
    if ('error' in parsed) {
      if (parsed.error !== 'empty') totals.unreadable++;
    } else if (row.source === 'federal') totals.federal += parsed.kopecks;
    else if (row.source === 'regional') totals.regional += parsed.kopecks;
    else if (row.source === 'extra-budgetary') totals.extraBudgetary += parsed.kopecks;
  }
  return totals;
}

function options(values: string[], selected: string, label: (value: string) => string): SafeHtml[] {
  // A value the rules no longer list (amended rules, an old draft) stays visible, so the check can name it.
  const all = values.includes(selected) || selected === '' ? values : [...values, selected];
  return all.map((value) => html`<option value="${value}" ${value === selected && html`selected`}>${label(value)}</option>`);
}

/**
 * The budget table editor: one row per (year, cost category, source, amount). Adding and removing rows are submit
 * buttons, so the editor works without JavaScript; the totals and the co-financing share are rendered here and
 * kept live by the site script as amounts change.
 */
export function budgetEditor(context: PageContext, rules: ProgrammeRules, rows: BudgetRowInput[], problems: ShownProblem[]): SafeHtml {
  const { t, language } = context;
  const a = t.applicant;
  const budgetProblems = problemsAt(problems, 'budget');
  const categoryLabel = (code: string) => t.costCategory[code] ?? code;
  const years = rules.fundingYears.map(String);
  const cell = (index: number, part: string, label: string, control: (invalid: SafeHtml) => SafeHtml) => {
    const id = `line-${index}-${part}`;
    const here = [...problemsAt(problems, `line:${index}:${part}`), ...(part === 'year' ? problemsAt(problems, `line:${index}:row`) : [])];
    return html`<td class="budget-cell budget-${part}">
      <label class="cell-label" for="${id}">${label}<span class="visually-hidden">, ${a.row(index + 1).toLowerCase()}</span></label>
      ${fieldError(id, here, t)} ${control(describedBy(id, false, here.length > 0))}
    </td>`;
  };
  const body = rows.map(
    (row, index) =>
      html`<tr data-budget-row>
        <th scope="row" class="row-number"><span class="row-word">${a.row(index + 1)}</span><span class="row-digit">${index + 1}</span></th>
        ${cell(
          index,
          'year',
          a.year,
          (aria) =>
            html`<select id="line-${index}-year" name="line-year" ${aria}>
              ${options(years, row.year, (y) => y)}
            </select>`,
        )}
        ${cell(
          index,
          'category',
          a.category,
          (aria) =>
            html`<select id="line-${index}-category" name="line-category" ${aria}>
              ${options(rules.costCategories, row.category, categoryLabel)}
            </select>`,
        )}
        ${cell(
          index,
          'source',
          a.sourceLabel,
          (aria) =>
            html`<select id="line-${index}-source" name="line-source" data-budget-source ${aria}>
              ${options([...BUDGET_SOURCES], row.source, (s) => a.source[s as BudgetLine['source']] ?? s)}
            </select>`,
        )}
        ${cell(
          index,
          'amount',
          a.amount,
          (aria) =>
            html`<input
              id="line-${index}-amount"
              name="line-amount"
              type="text"
              inputmode="decimal"
              autocomplete="off"
              spellcheck="false"
              class="amount"
              value="${row.amount}"
              data-budget-amount
              ${aria}
            />`,
        )}
        <td class="budget-remove">
          <button type="submit" name="action" value="remove-row:${index}" class="button-link">
            <span aria-hidden="true">${a.removeRow}</span><span class="visually-hidden">${a.removeRowNamed(index + 1)}</span>
          </button>
        </td>
      </tr>`,
  );
  const table = html`<table class="budget-table">
    <caption class="visually-hidden">
      ${a.budgetCaption}
    </caption>
    <thead>
      <tr>
        <th scope="col"><span class="visually-hidden">${a.rowColumn}</span></th>
        <th scope="col">${a.year}</th>
        <th scope="col">${a.category}</th>
        <th scope="col">${a.sourceLabel}</th>
        <th scope="col" class="num">${a.amount}</th>
        <th scope="col"><span class="visually-hidden">${a.removeRow}</span></th>
      </tr>
    </thead>
    <tbody>
      ${body}
    </tbody>
  </table>`;
  const minText = formatPercent(rules.minCofinancingBasisPoints, language);
  return html`<section class="section" aria-labelledby="budget-heading">
    <h2 id="budget-heading">${a.budgetTitle}</h2>
    <div
      class="budget-editor"
      data-budget-editor
      data-language="${language}"
      data-min-basis-points="${rules.minCofinancingBasisPoints}"
      data-label-meets="${a.shareMeets}"
      data-label-below="${a.shareBelow}"
      data-label-empty="${a.shareEmpty}"
      data-label-unreadable="${a.shareUnreadable}"
      data-label-no-share="${a.noShare}"
    >
      <fieldset id="budget" tabindex="-1" ${describedBy('budget', true, budgetProblems.length > 0)}>
        <legend class="visually-hidden">${a.budgetCaption}</legend>
        <p class="hint" id="budget-hint">${a.budgetHint}</p>
        ${fieldError('budget', budgetProblems, t)} ${scrollTable(a.budgetCaption, table)}
        <p><button type="submit" name="action" value="add-row" class="button-quiet">${a.addRow}</button></p>
      </fieldset>
      ${budgetTotals(context, totalsOfRows(rows), rules.minCofinancingBasisPoints, minText)}
    </div>
  </section>`;
}

/** The stored budget, read-only: the same table without inputs, and the same totals. */
export function budgetRecord(context: PageContext, rules: ProgrammeRules, lines: BudgetLine[]): SafeHtml {
  const { t, language } = context;
  const a = t.applicant;
  const rows = lines.map(
    (line) =>
      html`<tr role="row">
        <td role="cell" data-label="${a.year}">${line.year}</td>
        <th scope="row" role="rowheader">${t.costCategory[line.category] ?? line.category}</th>
        <td role="cell" data-label="${a.sourceLabel}">${a.source[line.source]}</td>
        <td role="cell" class="num" data-label="${a.amount}">${formatRoubles(line.amountKopecks, language)}</td>
      </tr>`,
  );
  const table = html`<table class="stack-on-phone" role="table">
    <caption class="visually-hidden">
      ${a.budgetCaption}
    </caption>
    <thead>
      <tr role="row">
        <th scope="col" role="columnheader">${a.year}</th>
        <th scope="col" role="columnheader">${a.category}</th>
        <th scope="col" role="columnheader">${a.sourceLabel}</th>
        <th scope="col" role="columnheader" class="num">${a.amount}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
  const sums = sumBudget(lines);
  const totals = { federal: sums.federal, regional: sums.regional, extraBudgetary: sums.extraBudgetary, unreadable: 0 };
  return html`<section class="section" aria-labelledby="budget-heading">
    <h2 id="budget-heading">${a.budgetTitle}</h2>
    ${lines.length > 0 ? scrollTable(a.budgetCaption, table) : html`<p>${a.empty}</p>`}
    ${budgetTotals(context, totals, rules.minCofinancingBasisPoints, formatPercent(rules.minCofinancingBasisPoints, language))}
  </section>`;
}
