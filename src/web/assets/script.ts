/**
 * The site's only script, served at /assets/site.js: ticks the deadline countdowns the server rendered. Words come
 * from the element's data attributes (the dictionary), times from the server (`data-server-now` corrects a
 * visitor's clock that is off). Pages work without it.
 */
export const SITE_JS = `(function () {
  'use strict';
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  function span(className, text) {
    var element = document.createElement(className === 'countdown-value' ? 'strong' : 'span');
    element.className = className;
    element.textContent = text;
    return element;
  }
  function format(ms, data) {
    var total = Math.max(0, Math.floor(ms / 1000));
    return Math.floor(total / 86400) + ' ' + data.unitD + ' ' + pad(Math.floor(total / 3600) % 24) + ' ' + data.unitH + ' ' +
      pad(Math.floor(total / 60) % 60) + ' ' + data.unitM + ' ' + pad(total % 60) + ' ' + data.unitS;
  }
  function start(element) {
    var data = element.dataset;
    var skew = Date.parse(data.serverNow) - Date.now();
    var opens = data.opens ? Date.parse(data.opens) : null;
    var closes = Date.parse(data.closes);
    if (isNaN(skew) || isNaN(closes)) return;
    var label = element.querySelector('.countdown-label');
    var value = element.querySelector('.countdown-value');
    function tick() {
      var now = Date.now() + skew;
      var target = opens !== null && now < opens ? opens : closes;
      if (now >= target) {
        element.replaceChildren(span('countdown-value', data.over));
        element.classList.add('countdown-over');
        return;
      }
      if (!label || !value) {
        label = span('countdown-label', '');
        value = span('countdown-value', '');
        element.replaceChildren(label, document.createTextNode(' '), value);
      }
      label.textContent = target === opens ? data.labelOpens : data.labelCloses;
      value.textContent = format(target - now, data);
      setTimeout(tick, 1000 - (now % 1000) + 5);
    }
    tick();
  }
  function init() {
    var elements = document.querySelectorAll('[data-countdown]');
    for (var i = 0; i < elements.length; i++) start(elements[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
`;
