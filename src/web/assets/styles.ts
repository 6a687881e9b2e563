/**
 * The site's one stylesheet, served by AssetsController at /assets/site.css. Kept as a TypeScript string so the
 * build (tsc only) ships it inside dist/ with no copy step. Colours meet WCAG AA contrast on their backgrounds;
 * focus is a yellow ring with a dark edge, visible on light and dark backgrounds alike.
 */
export const SITE_CSS = `
:root {
  --ink: #1b1f24;
  --muted: #4a5562;
  --brand: #0b4f8a;
  --brand-dark: #083a66;
  --surface: #f3f5f8;
  --border: #c3ccd6;
  --focus: #ffbf47;
  --error: #b3261e;
  --radius: 6px;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
  font-family: var(--sans);
  line-height: 1.5;
  color: var(--ink);
  background: #fff;
  -webkit-text-size-adjust: 100%;
}
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; font-size: 1rem; }
main { flex: 1; padding: 1.5rem 0 3rem; }
main:focus { outline: none; }
.wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
h1, h2, h3 { line-height: 1.25; margin: 1.5rem 0 0.75rem; }
h1 { font-size: clamp(1.5rem, 1.1rem + 1.6vw, 2.25rem); margin-top: 0.5rem; }
h2 { font-size: clamp(1.25rem, 1.05rem + 0.8vw, 1.6rem); }
h3 { font-size: 1.15rem; }
p { margin: 0 0 0.75rem; max-width: 70ch; }
a { color: var(--brand); text-underline-offset: 0.15em; }
a:hover { color: var(--brand-dark); text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 6px var(--ink); border-radius: 2px; }
/* Links take a yellow highlight with a dark underline instead, which stays readable when a link wraps over lines. */
a:focus-visible {
  outline: 3px solid transparent; background: var(--focus) !important; color: var(--ink) !important; text-decoration: none;
  box-shadow: 0 -2px var(--focus), 0 4px var(--ink); -webkit-box-decoration-break: clone; box-decoration-break: clone; border-radius: 0;
}
abbr[title] { text-decoration: none; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.skip-link { position: absolute; left: 0.5rem; top: -4rem; z-index: 10; padding: 0.6rem 1rem; background: var(--focus); color: var(--ink); font-weight: 600; }
.skip-link:focus { top: 0.5rem; }

/* header */
.site-header { background: var(--brand-dark); color: #fff; }
.header-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding-top: 0.75rem; padding-bottom: 0.75rem; }
.brand { display: inline-flex; align-items: center; gap: 0.6rem; color: #fff; text-decoration: none; font-weight: 700; font-size: 1.1rem; margin-right: auto; }
.brand:hover { color: #fff; text-decoration: underline; }
.brand-mark { display: inline-grid; place-items: center; width: 2.1rem; height: 2.1rem; border-radius: var(--radius); background: #fff; color: var(--brand-dark); font-size: 1.2rem; }
.site-header a:not(.button) { color: #fff; }
.main-nav ul, .lang-switch ul, .breadcrumbs ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
.main-nav a { display: inline-block; padding: 0.35rem 0; text-decoration: none; font-weight: 600; }
.main-nav a:hover, .main-nav a[aria-current="page"] { text-decoration: underline; text-underline-offset: 0.35em; text-decoration-thickness: 3px; }
.header-tools { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
.lang-switch ul { gap: 0.25rem; }
.lang-switch a { display: inline-block; min-width: 2.75rem; padding: 0.35rem 0.5rem; text-align: center; text-decoration: none; border: 1px solid rgba(255,255,255,0.55); border-radius: var(--radius); font-weight: 600; }
.lang-switch a[aria-current="true"] { background: #fff; color: var(--brand-dark); }
.sign-out { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0; }
.who { font-size: 0.9rem; overflow-wrap: anywhere; }

/* buttons and forms */
.button, button {
  display: inline-block; font: inherit; font-weight: 600; line-height: 1.2; padding: 0.6rem 1.1rem; min-height: 2.75rem;
  border: 2px solid transparent; border-radius: var(--radius); background: var(--brand); color: #fff; text-decoration: none; cursor: pointer;
}
.button:hover, button:hover { background: var(--brand-dark); color: #fff; }
.site-header .button { background: #fff; color: var(--brand-dark); }
.site-header .button:hover { background: #e6eef7; color: var(--brand-dark); }
.button-secondary { background: transparent !important; color: #fff !important; border-color: rgba(255,255,255,0.75); padding: 0.45rem 0.9rem; min-height: 2.5rem; }
.button-secondary:hover { background: rgba(255,255,255,0.12) !important; }
.field { margin: 0 0 1.1rem; }
.field label { display: block; font-weight: 600; margin-bottom: 0.3rem; }
.field input { width: 100%; max-width: 26rem; font: inherit; font-size: 1.05rem; padding: 0.55rem 0.65rem; border: 2px solid var(--ink); border-radius: 4px; background: #fff; color: var(--ink); }
.field input[aria-invalid="true"] { border-color: var(--error); }
.form-card { max-width: 32rem; padding: 1.5rem; border: 1px solid var(--border); border-radius: var(--radius); background: #fff; }
.error-summary { border: 3px solid var(--error); border-radius: var(--radius); padding: 0.75rem 1rem; margin: 0 0 1.25rem; max-width: 32rem; }
.error-summary h2 { margin: 0 0 0.35rem; font-size: 1.1rem; color: var(--error); }
.error-summary p { margin: 0; }
.notice { border-left: 5px solid var(--brand); background: var(--surface); padding: 0.75rem 1rem; margin: 0 0 1.25rem; max-width: 70ch; }
.notice-error { border-left-color: var(--error); }
.verify-form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.5rem 0.75rem; margin: 0 0 1.5rem; }
.verify-form label { flex-basis: 100%; font-weight: 600; }
.verify-form input { font: inherit; font-size: 1.15rem; letter-spacing: 0.08em; text-transform: uppercase; width: 13rem; padding: 0.55rem 0.65rem; border: 2px solid var(--ink); border-radius: 4px; }
.verdict { border: 3px solid; border-radius: var(--radius); padding: 1rem 1.25rem; }
.verdict h2 { margin-top: 0; }
.verdict-current { border-color: #1e7b34; }
.verdict-current h2 { color: #1e7b34; }
.verdict-superseded { border-color: var(--error); }
.verdict-superseded h2 { color: var(--error); }
.sha { word-break: break-all; white-space: normal; }

/* breadcrumbs */
.breadcrumbs { font-size: 0.95rem; margin-bottom: 0.5rem; }
.breadcrumbs li + li::before { content: "›"; margin-right: 0.6rem; color: var(--muted); }
.breadcrumbs ol { gap: 0.25rem 0.6rem; }

/* badges */
.badge { display: inline-block; padding: 0.15rem 0.55rem; border-radius: 999px; font-size: 0.85rem; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.badge-open { background: #e3f4e8; color: #0f5b2a; }
.badge-closed, .badge-scoring, .badge-ranked { background: #fff3d6; color: #6b4a00; }
.badge-published { background: #e4eefb; color: #0b3d73; }
.badge-archived { background: #eceef1; color: #39424d; }
.badge-draft { background: #fde8e8; color: #8a1c1c; }
.badge-demo { background: #f1e9fb; color: #54297f; }
.outcome { font-weight: 600; white-space: nowrap; }
.outcome-funded, .outcome-selected { color: #0f5b2a; }
.outcome-partially_funded { color: #5a4a00; }
.outcome-reserve { color: #6b4a00; }
.outcome-not_funded { color: var(--muted); }

/* programme list */
.lead { font-size: 1.1rem; color: var(--muted); }
.programme-list { list-style: none; margin: 0 0 1.5rem; padding: 0; display: grid; gap: 1rem; }
.programme-card { border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.1rem; background: #fff; display: grid; gap: 0.75rem 2rem; }
.programme-card:hover { border-color: var(--brand); box-shadow: 0 2px 8px rgba(11,79,138,0.12); }
.programme-card h3 { margin: 0.5rem 0 0; font-size: 1.15rem; }
.card-meta { display: flex; flex-wrap: wrap; gap: 0.4rem 0.75rem; align-items: center; font-size: 0.9rem; color: var(--muted); }
.card-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 0.75rem; margin: 0; font-size: 0.95rem; }
.card-facts dt { color: var(--muted); }
.card-facts dd { margin: 0; }
@media (min-width: 56rem) { .programme-card { grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr); } }
.programme-card .countdown { margin: 0.25rem 0 0; padding: 0.45rem 0.7rem; font-size: 0.95rem; }

/* programme page */
.page-head { display: flex; flex-wrap: wrap; gap: 0.5rem 0.75rem; align-items: center; margin-bottom: 0.5rem; }
.subtitle { color: var(--muted); font-size: 1.05rem; }
.countdown { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.6rem; background: #e8f1fb; border: 1px solid #b7cfe9; border-radius: var(--radius); padding: 0.75rem 1rem; margin: 1rem 0; max-width: 70ch; }
.countdown-value { font-size: 1.25rem; font-variant-numeric: tabular-nums; }
.countdown-over { background: var(--surface); border-color: var(--border); }
.countdown-over .countdown-value { font-size: 1rem; font-weight: 600; }
.facts { display: grid; grid-template-columns: minmax(0, 20rem) minmax(0, 1fr); gap: 0.5rem 1.5rem; margin: 0 0 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.local-time { color: var(--muted); font-size: 0.95rem; }
.section { border-top: 1px solid var(--border); margin-top: 2rem; padding-top: 0.5rem; }
.plain-list { margin: 0 0 1rem; padding-left: 1.25rem; max-width: 70ch; }
.plain-list li { margin-bottom: 0.3rem; }

/* tables */
.table-scroll { overflow-x: auto; margin: 0 0 0.5rem; border: 1px solid var(--border); border-radius: var(--radius); }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { text-align: left; font-weight: 600; padding: 0.6rem 0.75rem; }
th, td { padding: 0.55rem 0.75rem; border-top: 1px solid var(--border); text-align: left; vertical-align: top; }
thead th { background: var(--surface); border-top: none; vertical-align: bottom; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td.nowrap, td.code { white-space: nowrap; }
tbody th[scope="row"] { font-weight: 500; }
tfoot td, tfoot th { font-weight: 600; background: var(--surface); }
.code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
.downloads { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; list-style: none; padding: 0; margin: 0.5rem 0 1rem; }
.summary-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0.75rem; max-width: 48rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.summary-figures li { background: var(--surface); border-radius: var(--radius); padding: 0.6rem 0.9rem; }
.summary-figures span { display: block; font-size: 0.85rem; color: var(--muted); }
.summary-figures strong { font-variant-numeric: tabular-nums; }

/* footer */
.site-footer { background: var(--surface); border-top: 1px solid var(--border); color: var(--muted); font-size: 0.9rem; padding: 1.25rem 0; }
.site-footer p { margin: 0 0 0.35rem; }

@media (max-width: 40rem) {
  .header-row { gap: 0.5rem 1rem; }
  .brand { width: 100%; font-size: 1rem; }
  .facts { grid-template-columns: 1fr; gap: 0.1rem; }
  .facts dd { margin-bottom: 0.6rem; }
  .stack-on-phone thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
  .stack-on-phone, .stack-on-phone tbody { display: block; }
  .stack-on-phone tr { display: flex; flex-direction: column; gap: 0.15rem; padding: 0.65rem 0.75rem; border-top: 1px solid var(--border); }
  .stack-on-phone tbody tr:first-child { border-top: none; }
  .stack-on-phone th, .stack-on-phone td { display: block; border: none; padding: 0; text-align: left !important; white-space: normal; }
  .stack-on-phone tbody th[scope="row"] { order: -1; font-weight: 600; }
  .stack-on-phone td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-family: var(--sans); font-size: 1rem; }
  th, td { padding: 0.45rem 0.55rem; }
}
@media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto !important; transition: none !important; } }
`;
