import t from 'tap'
import { charWidth, estimateTextWidth } from '../../../trainer/report/text-width.js'

t.test('estimateTextWidth: narrower than Vega\'s 0.8 em per character, wider for capitals and bold', async (t) => {
  const item = { fontSize: 12 }
  const text = 'WHITE HANGING HEART T-LIGHT HOLDER'
  const width = estimateTextWidth(item, text)
  t.ok(width < 0.8 * 12 * text.length, `${width} < Vega's estimate`)
  t.ok(width > 0.5 * 12 * text.length, 'but not below what a wide font needs')
  t.ok(estimateTextWidth(item, 'ABC') > estimateTextWidth(item, 'abc'))
  t.ok(estimateTextWidth({ fontSize: 12, fontWeight: 'bold' }, 'abc') > estimateTextWidth(item, 'abc'))
  t.equal(estimateTextWidth({ fontSize: 24 }, 'abc'), 2 * estimateTextWidth(item, 'abc'), 'proportional to the font size')
  t.equal(estimateTextWidth({}, 'a'), 11 * charWidth('a'), 'Vega\'s default size is 11')
  t.equal(estimateTextWidth(item, null), 0)
  t.equal(estimateTextWidth(item, '  ab  '), estimateTextWidth(item, 'ab'), 'trimmed, as Vega trims')
})
