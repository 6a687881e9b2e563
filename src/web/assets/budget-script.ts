import { MAX_KOPECKS } from '../../common/money/kopecks';

/**
 * The browser's copy of parseRoubleAmount (applicant/amount-input.ts): the same rule, in plain ES5 plus BigInt
 * calls (no `123n` literals, so browsers without BigInt still parse site.js and keep its other features).
 * amount-input.spec.ts runs this text and the server's function on the same inputs and requires equal answers.
 */
export const AMOUNT_PARSER_JS = String.raw`function parseAmount(typed) {
  var text = (/^(?:RUB)?(.*?)(?:₽|руб\.?|р\.|RUB)?$/i.exec(String(typed).replace(/[\s\u00a0\u2007\u2009\u202f]/g, '')) || ['', ''])[1];
  if (text === '') return { error: 'empty' };
  if (/^[-\u2212]/.test(text)) return { error: 'negative' };
  if (!/^\d[\d.,]*$/.test(text) || !/\d$/.test(text)) return { error: 'format' };
  var commas = text.split(',').length - 1;
  var dots = text.split('.').length - 1;
  var decimal = null;
  if (commas > 0 && dots > 0) decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
  else if (commas === 1 || dots === 1) decimal = commas === 1 ? ',' : '.';
  var integer = text;
  var fraction = '';
  if (decimal !== null) {
    var at = text.lastIndexOf(decimal);
    integer = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (fraction.indexOf(decimal === ',' ? '.' : ',') >= 0 || integer.indexOf(decimal) >= 0) return { error: 'format' };
    if (fraction.length > 2) return { error: commas + dots === 1 && fraction.length === 3 ? 'decimals' : 'format' };
  }
  var grouping = /[.,]/.exec(integer);
  if (grouping && !new RegExp('^\\d{1,3}(\\' + grouping[0] + '\\d{3})+$').test(integer)) return { error: 'format' };
  var digits = integer.replace(/[.,]/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > 17) return { error: 'tooLarge' };
  while (fraction.length < 2) fraction += '0';
  var kopecks = BigInt(digits) * BigInt(100) + BigInt(fraction);
  return kopecks > BigInt('${MAX_KOPECKS}') ? { error: 'tooLarge' } : { kopecks: kopecks };
}`;

/**
 * The bid editor's progressive enhancement, appended to site.js: running totals per source and the co-financing
 * share against the programme's minimum, recomputed as amounts are typed (the server renders the same figures, so
 * the page reads right without it; the submit rule itself is judged by the service). Also moves focus to an error
 * summary when a page opens with one, and from its links to the field named. Words come from data attributes.
 */
export const BUDGET_JS = String.raw`(function () {
  'use strict';
  if (typeof BigInt !== 'function' || !document.querySelector) return;
  ${AMOUNT_PARSER_JS}
  var ZERO = BigInt(0);
  var HUNDRED = BigInt(100);
  var BASIS = BigInt(10000);
  function group(digits, separator) { return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator); }
  function pad2(value) { var text = value.toString(); return text.length < 2 ? '0' + text : text; }
  function money(kopecks, language) {
    var roubles = (kopecks / HUNDRED).toString();
    var cents = pad2(kopecks % HUNDRED);
    return language === 'ru' ? group(roubles, ' ') + ',' + cents + ' ₽' : 'RUB ' + group(roubles, ',') + '.' + cents;
  }
  function share(basisPoints, language) {
    var whole = (basisPoints / HUNDRED).toString();
    var hundredths = pad2(basisPoints % HUNDRED);
    return language === 'ru' ? whole + ',' + hundredths + '\u00a0%' : whole + '.' + hundredths + '%';
  }
  function show(editor, selector, text) {
    var element = editor.querySelector(selector);
    if (element && element.textContent !== text) element.textContent = text;
  }
  function update(editor) {
    var data = editor.dataset;
    var totals = { federal: ZERO, regional: ZERO, 'extra-budgetary': ZERO };
    var unreadable = 0;
    var rows = editor.querySelectorAll('[data-budget-row]');
    for (var i = 0; i < rows.length; i++) {
      var source = rows[i].querySelector('[data-budget-source]');
      var amount = rows[i].querySelector('[data-budget-amount]');
      if (!source || !amount || !Object.prototype.hasOwnProperty.call(totals, source.value)) continue;
      var parsed = parseAmount(amount.value);
      if (parsed.error === 'empty') continue;
      if (parsed.error) unreadable++;
      else totals[source.value] += parsed.kopecks;
    }
    var cofinancing = totals.regional + totals['extra-budgetary'];
    var total = totals.federal + cofinancing;
    var minimum = BigInt(data.minBasisPoints || '0');
    show(editor, '[data-total="federal"]', money(totals.federal, data.language));
    show(editor, '[data-total="regional"]', money(totals.regional, data.language));
    show(editor, '[data-total="extra-budgetary"]', money(totals['extra-budgetary'], data.language));
    show(editor, '[data-total="all"]', money(total, data.language));
    show(editor, '[data-share]', total === ZERO ? data.labelNoShare : share((cofinancing * BASIS) / total, data.language));
    var state = unreadable > 0 ? 'unreadable' : total === ZERO ? 'empty' : cofinancing * BASIS < minimum * total ? 'below' : 'meets';
    var status = editor.querySelector('[data-share-status]');
    if (status && status.getAttribute('data-state') !== state) {
      status.setAttribute('data-state', state);
      status.textContent = data['label' + state.charAt(0).toUpperCase() + state.slice(1)];
    }
  }
  function startEditor(editor) {
    var pending = false;
    function later() {
      if (pending) return;
      pending = true;
      (window.requestAnimationFrame || setTimeout)(function () { pending = false; update(editor); });
    }
    editor.addEventListener('input', later);
    editor.addEventListener('change', later);
    update(editor);
  }
  function focusField(event) {
    var link = event.target && event.target.closest ? event.target.closest('.error-summary a[href^="#"]') : null;
    if (!link) return;
    var field = document.getElementById(link.getAttribute('href').slice(1));
    if (!field) return;
    event.preventDefault();
    var label = field.id ? document.querySelector('label[for="' + field.id + '"]') : null;
    (label || field).scrollIntoView({ block: 'center' });
    field.focus({ preventScroll: true });
  }
  function init() {
    var editors = document.querySelectorAll('[data-budget-editor]');
    for (var i = 0; i < editors.length; i++) startEditor(editors[i]);
    var summary = document.querySelector('.error-summary[data-focus]');
    if (summary) summary.focus();
    document.addEventListener('click', focusField);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
`;
