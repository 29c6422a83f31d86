import t from 'tap'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { SweepPoint } from '../../../lib/artifacts/schema.js'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { AUTO_K_RULE, chooseK } from '../../../trainer/segments/choose-k.js'

// scikit-learn's sweeps on Online Retail (bench/reference/segments_reference.py)
const reference = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'bench', 'reference', 'segments_reference.json'), 'utf8')) as {
  results: Record<'log1p' | 'none', { sweep: SweepPoint[] }>
}

function sweep (inertias: number[], silhouettes: Array<number | null>, firstK = 2): SweepPoint[] {
  return inertias.map((inertia, i) => ({ k: firstK + i, inertia, silhouette: silhouettes[i] }))
}

t.test('on Online Retail: k = 4 with log1p, k = 5 without', async t => {
  t.equal(chooseK(reference.results.log1p.sweep), 4)
  t.equal(chooseK(reference.results.none.sweep), 5)
})

t.test('never k = 2 even when it has the best silhouette', async t => {
  t.equal(chooseK(sweep([100, 70, 50, 40], [0.9, 0.5, 0.6, 0.4])), 4)
})

t.test('skips k whose extra cluster removes less than the minimum share of inertia', async t => {
  // k = 5 has the best silhouette but only lowers inertia by 5 %
  t.equal(chooseK(sweep([100, 70, 50, 47.5], [0.5, 0.4, 0.45, 0.6])), 4)
  t.equal(chooseK(sweep([100, 70, 50, 47.5], [0.5, 0.4, 0.45, 0.6]), { ...AUTO_K_RULE, minInertiaDrop: 0.04 }), 5)
})

t.test('ties go to the smaller k', async t => {
  t.equal(chooseK(sweep([100, 70, 50, 30], [0.5, 0.4, 0.4, 0.4])), 3)
})

t.test('fallbacks: no qualifying k → best silhouette overall; no silhouette → largest k ≤ 4', async t => {
  t.equal(chooseK(sweep([100, 99, 98], [0.3, 0.5, 0.4])), 3)
  t.equal(chooseK(sweep([100, 99, 98], [0.6, 0.5, 0.4])), 2)
  t.equal(chooseK(sweep([100, 60, 30, 10], [null, null, null, null])), 4)
  t.equal(chooseK(sweep([100, 60], [null, null], 5)), 5)
  t.throws(() => chooseK([]), RangeError)
})
