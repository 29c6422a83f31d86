import t from 'tap'
import { markdownTable } from '../../lib/markdown.js'

t.test('label column left, numbers right, pipes escaped', async (t) => {
  const table = markdownTable(['run', 'time'], [['ours', '1.2 s'], ['a|b', '3 s']])
  t.equal(table, [
    '| run | time |',
    '| --- | ---: |',
    '| ours | 1.2 s |',
    '| a\\|b | 3 s |'
  ].join('\n'))
})

t.test('explicit alignment', async (t) => {
  const table = markdownTable(['a', 'b'], [['1', '2']], ['right', 'left'])
  t.equal(table.split('\n')[1], '| ---: | --- |')
})

t.test('a row with the wrong number of cells is refused', async (t) => {
  t.throws(() => markdownTable(['a', 'b'], [['1']]), RangeError)
})
