import type { ProgrammeStatus } from '../../programmes/programme.rules';
import { html, type SafeHtml } from '../html';
import type { Dictionary } from '../i18n/dictionary';
import type { PageContext } from '../page-context';
import { formatCountdown, showInstant } from './format';

export function statusBadge(t: Dictionary, status: ProgrammeStatus): SafeHtml {
  return html`<span class="badge badge-${status}">${t.status[status]}</span>`;
}

/** An instant in Moscow time and, for applicants, on a second line in their cluster's zone. */
export function instant(context: PageContext, date: Date): SafeHtml {
  const shown = showInstant(date, context.language, context.clusterTimeZone);
  return html`<time datetime="${shown.iso}">${shown.moscow}</time
    >${shown.local && html`<br /><span class="local-time">${shown.local}</span>`}`;
}

/**
 * The live countdown to a call's opening, then its closing. The server renders the text as of now (readable
 * without JavaScript); assets/site.js ticks it every second, correcting the visitor's clock by the server's `now`.
 * The rules themselves are judged by the database clock, never by this display.
 */
export function countdown(context: PageContext, opensAt: Date | null, closesAt: Date, now: Date): SafeHtml {
  const { t } = context;
  const beforeOpening = opensAt !== null && now < opensAt;
  const left = (beforeOpening ? opensAt : closesAt).getTime() - now.getTime();
  const over = left <= 0;
  const text = over
    ? html`<span class="countdown-value">${t.countdownOver}</span>`
    : html`<span class="countdown-label">${beforeOpening ? t.countdownUntilOpen : t.countdownLeft}</span>
        <strong class="countdown-value">${formatCountdown(left, t)}</strong>`;
  return html`<p
    class="countdown${over ? ' countdown-over' : ''}"
    role="timer"
    data-countdown
    data-server-now="${now.toISOString()}"
    data-opens="${opensAt?.toISOString() ?? ''}"
    data-closes="${closesAt.toISOString()}"
    data-label-opens="${t.countdownUntilOpen}"
    data-label-closes="${t.countdownLeft}"
    data-over="${t.countdownOver}"
    data-unit-d="${t.units.d}"
    data-unit-h="${t.units.h}"
    data-unit-m="${t.units.m}"
    data-unit-s="${t.units.s}"
  >
    ${text}
  </p>`;
}

/**
 * A table that scrolls sideways when the window is narrower than it, reachable and scrollable by keyboard. On
 * phones, tables marked `stack-on-phone` lay each row out as a card instead (see assets/styles.ts).
 */
export function scrollTable(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

/** Text with blank-line paragraphs, each escaped. */
export function paragraphs(text: string): SafeHtml {
  const parts = text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean);
  return html`${parts.map((part) => html`<p>${part}</p>`)}`;
}
