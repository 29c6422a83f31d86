import t from 'tap'
import { collectChartWarnings, renderChartSvg, type Chart } from '../../../trainer/report/chart.js'

const chart = (id: string, values: Array<{ name: string, value: number }>): Chart => ({
  id,
  title: 'A <title>',
  description: 'Described & "quoted".',
  spec: {
    data: { values },
    mark: 'bar',
    encoding: { y: { field: 'name', type: 'nominal' }, x: { field: 'value', type: 'quantitative' } }
  }
})

t.test('renderChartSvg: inline SVG with an id, an accessible name, no namespaces and escaped text', async (t) => {
  const svg = (await renderChartSvg(chart('bars', [{ name: 'a<b & "c"', value: 3 }, { name: 'd', value: 5 }]))).value
  t.match(svg, /^<svg id="chart-bars" role="img" aria-label="A &lt;title&gt;\. Described &amp; &quot;quoted&quot;\." /)
  t.notMatch(svg, /xmlns/, 'inline SVG in HTML needs no namespace, and the report carries no URLs')
  t.match(svg, /a&lt;b &amp; /, 'data text is escaped by the renderer')
  t.notMatch(svg, /<b/, 'no markup from the data')
  t.equal((svg.match(/<svg/g) ?? []).length, 1)
  t.notMatch(svg, /\d\.\d{3,}/, 'coordinates rounded to two decimals')
})

t.test('clip-path ids are per chart, so rendering order does not change a chart and ids never collide', async (t) => {
  // a bar with rounded ends is drawn inside a clipped group
  const clipped = (id: string): Chart => ({ ...chart(id, [{ name: 'a', value: 1 }, { name: 'b', value: 2 }]), spec: { data: { values: [{ name: 'a', value: 1 }, { name: 'b', value: 2 }] }, mark: { type: 'bar', cornerRadiusEnd: 3 }, encoding: { y: { field: 'name', type: 'nominal' }, x: { field: 'value', type: 'quantitative' } } } })
  const first = (await renderChartSvg(clipped('one'))).value
  await renderChartSvg(clipped('other'))
  const again = (await renderChartSvg(clipped('one'))).value
  t.equal(again, first, 'byte-identical on a second render')
  const ids = [...first.matchAll(/ id="([^"]+)"/g)].map(m => m[1])
  t.ok(ids.length > 1, 'the chart has clip paths')
  t.ok(ids.slice(1).every(id => id.startsWith('one-')), 'named after the chart')
  for (const [, ref] of first.matchAll(/url\(#([^)]+)\)/g)) t.ok(ids.includes(ref), `reference ${ref} points at an id in the same chart`)
})

t.test('collectChartWarnings reports Vega-Lite warnings, and only while collecting', async (t) => {
  const bad: Chart = { ...chart('bad', [{ name: 'a', value: 1 }]), spec: { data: { values: [{ name: 'a', value: 1 }] }, mark: 'point', encoding: { x: { field: 'value', type: 'quantitative' }, size: { field: 'name', type: 'nominal' } } } }
  const { result, warnings } = await collectChartWarnings(() => renderChartSvg(bad))
  t.match(result.value, /^<svg /)
  t.ok(warnings.length > 0, 'a size channel on a nominal field is warned about')
  const good = await collectChartWarnings(() => renderChartSvg(chart('good', [{ name: 'a', value: 1 }])))
  t.same(good.warnings, [])
})
