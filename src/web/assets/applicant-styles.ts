/**
 * Rules for the applicant's pages (bid list, bid editor, receipt, outcome), appended to site.css. Same palette and
 * focus ring as the rest of the site; on phones the budget table lays each row out as a card with visible labels.
 */
export const APPLICANT_CSS = `
/* applicant: forms */
.muted { color: var(--muted); }
.hint { color: var(--muted); font-size: 0.95rem; margin: 0 0 0.35rem; }
.required-mark { font-weight: 400; color: var(--muted); font-size: 0.9em; }
.field-error { color: var(--error); font-weight: 600; margin: 0 0 0.35rem; max-width: 70ch; }
.field-invalid { border-left: 4px solid var(--error); padding-left: 0.75rem; }
.field input.wide, .field textarea { max-width: 48rem; }
.field textarea, .field select, .budget-table select, .budget-table input {
  width: 100%; font: inherit; padding: 0.5rem 0.6rem; border: 2px solid var(--ink); border-radius: 4px; background: #fff; color: var(--ink);
}
.field textarea { display: block; font-size: 1rem; line-height: 1.45; resize: vertical; min-height: 6rem; }
.field input[type="file"] { border: 2px dashed var(--border); padding: 0.5rem; max-width: 30rem; background: var(--surface); }
textarea[aria-invalid="true"], select[aria-invalid="true"], .budget-table input[aria-invalid="true"] { border-color: var(--error); }
.bid-form .section h2 { margin-top: 1rem; }
.inline-form { display: flex; margin: 0; }
.button-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 0.75rem; }
.button-quiet, button.button-quiet {
  background: #fff; color: var(--brand); border-color: var(--brand);
}
.button-quiet:hover, button.button-quiet:hover { background: #e6eef7; color: var(--brand-dark); }
.button-danger, button.button-danger { background: var(--error); color: #fff; }
.button-danger:hover, button.button-danger:hover { background: #8c1d17; color: #fff; }
button.button-link {
  background: transparent; color: var(--brand); border: none; padding: 0.35rem 0.25rem; min-height: 2.75rem; font-weight: 600;
  text-decoration: underline; text-underline-offset: 0.15em;
}
button.button-link:hover { background: transparent; color: var(--brand-dark); text-decoration-thickness: 2px; }
.form-actions { border-top: 1px solid var(--border); margin-top: 2rem; padding-top: 1rem; }
.withdraw-link { margin-top: 1.5rem; }
.notice-success { border-left-color: #1e7b34; }
.notice-frozen { border-left-color: #6b4a00; background: #fff8e6; }
.notice-frozen p { margin: 0 0 0.35rem; }
.bid-error-summary { max-width: 48rem; }
.error-summary ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.error-summary li { margin-bottom: 0.25rem; }
.error-summary a { color: var(--error); font-weight: 600; }

/* applicant: budget table */
.budget-table th, .budget-table td { vertical-align: top; }
.budget-table td.budget-year { width: 7.5rem; }
.budget-table td.budget-source { width: 16.5rem; }
.budget-table td.budget-amount { width: 13rem; }
.budget-table input.amount { text-align: right; font-variant-numeric: tabular-nums; }
.budget-table .row-number { width: 3rem; font-weight: 600; padding-top: 1rem; }
.budget-table .row-word { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.budget-table .budget-remove { width: 1%; white-space: nowrap; }
.cell-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
.budget-editor fieldset { border: none; margin: 0; padding: 0; min-width: 0; }
.budget-editor fieldset:focus { outline: none; }
.budget-totals h3 { margin-top: 1rem; }
.budget-totals .summary-figures { max-width: none; }
.share-figure { border: 2px solid var(--brand); }
.summary-figures .share-minimum { margin-top: 0.1rem; }
.share-status { font-weight: 600; padding: 0.5rem 0.75rem; border-radius: var(--radius); max-width: 48rem; }
.share-status[data-state="meets"] { background: #e3f4e8; color: #0f5b2a; }
.share-status[data-state="below"], .share-status[data-state="unreadable"] { background: #fde8e8; color: #8a1c1c; }
.share-status[data-state="empty"] { background: var(--surface); color: var(--muted); }

/* applicant: attachments, receipts, outcome */
.attachment-list { list-style: none; margin: 0 0 1rem; padding: 0; display: grid; gap: 1rem; max-width: 56rem; }
.attachment-kind { border: 1px solid var(--border); border-radius: var(--radius); padding: 0.75rem 1rem; }
.attachment-kind h3 { margin: 0 0 0.5rem; }
.attachment-kind .field { margin-bottom: 0.25rem; }
.file-facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.15rem 0.75rem; margin: 0 0 0.5rem; font-size: 0.95rem; }
.file-facts dt { color: var(--muted); }
.file-facts dd { margin: 0; }
.file-facts .file-name { grid-column: 1 / -1; font-weight: 600; overflow-wrap: anywhere; }
.receipt-banner { border: 3px solid #1e7b34; border-radius: var(--radius); background: #eef8f0; padding: 0.75rem 1.25rem; margin: 0 0 1.5rem; max-width: 48rem; }
.receipt-banner h1 { color: #0f5b2a; margin-top: 0.25rem; }
.receipt-banner .lead { color: var(--ink); }
.registration-number { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: clamp(1.4rem, 1.1rem + 1.5vw, 2rem); font-weight: 700; margin: 0; }
.amount-strong { font-weight: 700; font-variant-numeric: tabular-nums; }
.prose p { margin-bottom: 0.5rem; }
.apply-panel { border: 2px solid var(--brand); border-radius: var(--radius); padding: 0.75rem 1rem 1rem; margin: 1rem 0 1.5rem; max-width: 70ch; }
.apply-panel h2 { margin-top: 0.25rem; }
.pager { display: flex; gap: 1rem; align-items: center; margin: 0.5rem 0 1rem; }
.bid-badge-draft, .bid-badge-not_funded { background: #eceef1; color: #39424d; }
.bid-badge-submitted, .bid-badge-eligible, .bid-badge-funded { background: #e3f4e8; color: #0f5b2a; }
.bid-badge-withdrawn, .bid-badge-ineligible { background: #fde8e8; color: #8a1c1c; }
.bid-badge-in_review, .bid-badge-scored, .bid-badge-ranked, .bid-badge-reserve, .bid-badge-partially_funded { background: #fff3d6; color: #6b4a00; }
.my-bids th[scope="row"] { font-weight: 600; }

@media (max-width: 40rem) {
  .budget-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
  .budget-table, .budget-table tbody { display: block; }
  .budget-table tr { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0.5rem 0.75rem; padding: 0.75rem; border-top: 1px solid var(--border); }
  .budget-table tbody tr:first-child { border-top: none; }
  .budget-table th, .budget-table td { display: block; width: auto !important; border: none; padding: 0; }
  .budget-table .row-number { grid-column: 1 / -1; padding: 0; }
  .budget-table .row-word { position: static; width: auto; height: auto; overflow: visible; clip: auto; clip-path: none; white-space: normal; }
  .budget-table .row-digit { display: none; }
  .budget-table td.budget-category, .budget-table td.budget-source { grid-column: 1 / -1; }
  .budget-table .budget-remove { text-align: right; align-self: end; }
  .cell-label { position: static; width: auto; height: auto; overflow: visible; clip: auto; clip-path: none; white-space: normal; display: block; font-weight: 600; margin-bottom: 0.2rem; }
  .file-facts { grid-template-columns: 1fr; }
  .file-facts dd { margin-bottom: 0.35rem; }
  .form-actions .button-row button { width: 100%; }
}
`;
