import { escapeHtml, html, trustedHtml } from '../../../src/web/html';

test('every value put in a template is escaped, in text and in attributes', () => {
  const name = `<script>alert("x")</script> & 'co'`;
  expect(html`<p title="${name}">${name}</p>`.value).toBe(
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>',
  );
  expect(escapeHtml('a"b')).toBe('a&quot;b');
});

test('templates nest without escaping twice; lists join; nothing is written for null, undefined or false', () => {
  const item = (label: string) => html`<li>${label}</li>`;
  expect(html`<ul>${['a<b', 'c'].map(item)}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
});

test('only markup we drew ourselves goes in as it is', () => {
  expect(html`<figure>${trustedHtml('<svg role="img"></svg>')}</figure>`.value).toBe('<figure><svg role="img"></svg></figure>');
});
