import t from 'tap'
import { alternate } from '../../../bench/lib/schedule.js'

t.test('alternates, then finishes the longer list', async (t) => {
  t.same(alternate('ours', 5, 'python', 3), ['ours', 'python', 'ours', 'python', 'ours', 'python', 'ours', 'ours'])
  t.same(alternate('ours', 1, 'python', 2), ['ours', 'python', 'python'])
  t.same(alternate('ours', 2, 'python', 0), ['ours', 'ours'])
  t.same(alternate('ours', 0, 'python', 0), [])
})
