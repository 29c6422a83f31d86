import t from 'tap'
import { SafeHtml, escapeHtml, html, raw } from '../../../trainer/report/html.js'

t.test('escapeHtml: the five characters that matter in content and quoted attributes', async (t) => {
  t.equal(escapeHtml('<a href="x">Tom & Jerry\'s</a>'), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;')
  t.equal(escapeHtml('plain text 123'), 'plain text 123')
  t.equal(escapeHtml('&amp;'), '&amp;amp;', 'escapes already-escaped text again: data is never trusted markup')
})

t.test('html: interpolated values are escaped, SafeHtml and nested html are not', async (t) => {
  const description = '<script>alert("x")</script>'
  const inner = html`<em>${description}</em>`
  t.type(inner, SafeHtml)
  t.equal(inner.value, '<em>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</em>')
  t.equal(html`<p>${inner}</p>`.value, `<p>${inner.value}</p>`, 'nested markup is inserted once, not escaped twice')
  t.equal(html`<p>${raw('<br>')}</p>`.value, '<p><br></p>')
})

t.test('html: arrays are joined, numbers printed, null/undefined/false left out', async (t) => {
  t.equal(html`<ul>${['a<', 'b'].map(x => html`<li>${x}</li>`)}</ul>`.value, '<ul><li>a&lt;</li><li>b</li></ul>')
  t.equal(html`${1.5}|${0}|${null}|${undefined}|${false}`.value, '1.5|0|||')
  t.equal(String(html`<b>${'&'}</b>`), '<b>&amp;</b>', 'toString gives the markup')
})
