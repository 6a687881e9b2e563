import { escapeHtml, html, raw } from './html';

describe('html tagged template', () => {
  it('escapes every interpolated string, in text and in quoted attributes', () => {
    const name = `<script>alert("x")</script> & 'quotes'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>',
    );
  });

  it('inserts nested templates and raw() as markup, arrays joined, and nothing for null, undefined and booleans', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    // prettier-ignore
    const page = html`<ul>${items}</ul>${null}${undefined}${false}${true}${raw('<hr>')}${0}`;
    expect(page.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul><hr>0');
  });

  it('escapes numbers and bigints as their text', () => {
    expect(html`${12345678901234567890n} ${3.5}`.value).toBe('12345678901234567890 3.5');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});
