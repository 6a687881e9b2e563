import { html, type SafeHtml } from '../../html';
import type { Dictionary } from '../../i18n/dictionary';
import type { PageContext } from '../../page-context';
import { CSRF_FIELD } from '../../session/csrf';
import { countdown } from '../../views/components';
import { layout } from '../../views/layout';
import type { BidFormInput } from '../bid-form';
import type { BidPageData } from '../bid-page.loader';
import type { ShownProblem } from '../bid-problems';
import { attachmentsEditor } from './attachments.view';
import {
  bidHeader,
  breadcrumbsOf,
  bidTitle,
  describedBy,
  errorSummary,
  fieldError,
  notice,
  problemsAt,
  receiptsSection,
  textarea,
} from './bid-parts';
import { budgetEditor } from './budget-editor.view';

/** A confirmation shown once after a redirect (post-redirect-get). */
export type BidNotice = 'saved' | 'uploaded' | 'fileRemoved' | 'withdrawn' | 'appealSent';

export interface EditorState {
  form: BidFormInput;
  problems: ShownProblem[];
  notice: BidNotice | null;
  checkPassed: boolean;
  /** The whole action was refused (e.g. the bid changed meanwhile), in the page's language. */
  refusal: string | null;
}

interface FieldSpec {
  id: string;
  name: string;
  label: SafeHtml | string;
  value: string;
  problems: ShownProblem[];
  hint?: string;
}

function inputField(t: Dictionary, spec: FieldSpec, attributes: SafeHtml = html``): SafeHtml {
  const invalid = spec.problems.length > 0;
  return html`<div class="field${invalid ? ' field-invalid' : ''}">
    <label for="${spec.id}">${spec.label}</label>
    ${spec.hint && html`<p class="hint" id="${spec.id}-hint">${spec.hint}</p>`} ${fieldError(spec.id, spec.problems, t)}
    <input id="${spec.id}" name="${spec.name}" value="${spec.value}" ${attributes} ${describedBy(spec.id, !!spec.hint, invalid)} />
  </div>`;
}

function textareaField(t: Dictionary, spec: FieldSpec, rows: number): SafeHtml {
  const invalid = spec.problems.length > 0;
  return html`<div class="field${invalid ? ' field-invalid' : ''}">
    <label for="${spec.id}">${spec.label}</label>
    ${spec.hint && html`<p class="hint" id="${spec.id}-hint">${spec.hint}</p>`} ${fieldError(spec.id, spec.problems, t)}
    ${textarea(html`id="${spec.id}" name="${spec.name}" rows="${rows}" ${describedBy(spec.id, !!spec.hint, invalid)}`, spec.value)}
  </div>`;
}

/**
 * The bid editor: one multipart form holding the text fields, the budget table and the attachments' file inputs,
 * with save, check and submit. Every failed rule shows at its field and in the summary at the top.
 */
export function bidEditorPage(context: PageContext, data: BidPageData, state: EditorState): SafeHtml {
  const { t, language } = context;
  const a = t.applicant;
  const { submission, rules } = data.bid;
  const { form, problems } = state;
  const at = (placement: string) => problemsAt(problems, placement);
  const submitLabel = submission.status === 'submitted' ? a.resubmit : submission.status === 'withdrawn' ? a.submitAgain : a.submit;
  const sections = rules.sections.map((section) => {
    const title = language === 'en' ? section.titleEn : section.titleRu;
    const label = html`${title} <span class="required-mark">(${section.required ? a.required : a.optional})</span>`;
    const spec = {
      id: `section-${section.code}`,
      name: `section-${section.code}`,
      label,
      value: form.sections[section.code] ?? '',
      problems: at(`section:${section.code}`),
      hint: a.sectionHint(section.maxLength),
    };
    return textareaField(t, spec, 8);
  });
  const main = html`${bidHeader(context, data)} ${countdown(context, null, data.bid.deadline, data.now)}
    ${state.refusal && notice(state.refusal, 'error')} ${state.notice && notice(a[state.notice], 'success')}
    ${state.checkPassed && problems.length === 0 && notice(a.checkPassed, 'success')}
    ${data.bid.hasUnsubmittedChanges && notice(a.unsubmittedChanges(submission.currentVersion))} ${errorSummary(t, problems)}
    <form id="bid-form" class="bid-form" method="post" action="/bids/${submission.id}" enctype="multipart/form-data" novalidate>
      <input type="hidden" name="${CSRF_FIELD}" value="${context.csrfToken ?? ''}" />
      <button type="submit" name="action" value="save" class="visually-hidden" tabindex="-1" aria-hidden="true">${a.save}</button>
      <section class="section" aria-labelledby="about-heading">
        <h2 id="about-heading">${a.aboutBid}</h2>
        ${inputField(t, { id: 'title', name: 'title', label: a.titleLabel, value: form.title, problems: at('title') }, html`type="text" class="wide"`)}
        ${textareaField(t, { id: 'summary', name: 'summary', label: a.summaryLabel, value: form.summary, problems: at('summary'), hint: a.summaryHint }, 5)}
      </section>
      ${
        sections.length > 0 &&
        html`<section class="section" aria-labelledby="sections-heading">
          <h2 id="sections-heading">${a.sectionsTitle}</h2>
          ${sections}
        </section>`
      }
      <section class="section" aria-labelledby="contact-heading">
        <h2 id="contact-heading">${a.contactTitle}</h2>
        ${inputField(
          t,
          { id: 'contact-name', name: 'contactName', label: a.contactName, value: form.contactName, problems: at('contactName') },
          html`type="text" autocomplete="name"`,
        )}
        ${inputField(
          t,
          { id: 'contact-email', name: 'contactEmail', label: a.contactEmail, value: form.contactEmail, problems: at('contactEmail') },
          html`type="email" autocomplete="email" spellcheck="false" autocapitalize="none"`,
        )}
        ${inputField(
          t,
          {
            id: 'contact-phone',
            name: 'contactPhone',
            label: a.contactPhone,
            value: form.contactPhone,
            problems: at('contactPhone'),
            hint: a.contactPhoneHint,
          },
          html`type="tel" autocomplete="tel"`,
        )}
      </section>
      ${budgetEditor(context, rules, form.rows, problems)}
      ${attachmentsEditor(context, submission.id, rules, data.bid.attachments, problems)}
      <div class="form-actions">
        <p class="hint">${a.actionsHint}</p>
        <div class="button-row">
          <button type="submit" name="action" value="save" class="button-quiet">${a.save}</button>
          <button type="submit" name="action" value="check" class="button-quiet">${a.check}</button>
          <button type="submit" name="action" value="submit">${submitLabel}</button>
        </div>
      </div>
    </form>
    ${
      submission.status === 'submitted' &&
      html`<p class="withdraw-link"><a class="button button-danger" href="/bids/${submission.id}/withdraw">${a.withdraw}</a></p>`
    }
    ${receiptsSection(context, submission.id, data.versions)}`;
  // The title says so first when there are errors: it is what a screen reader announces on arrival.
  const title = problems.length > 0 ? `${a.errorPrefix} ${bidTitle(t, submission.title)}` : bidTitle(t, submission.title);
  return layout(context, { title, main, breadcrumbs: breadcrumbsOf(context, data) });
}
