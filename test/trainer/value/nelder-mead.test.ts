import t from 'tap'
import { nelderMead } from '../../../trainer/value/nelder-mead.js'

t.test('finds known minima', async (t) => {
  const rosenbrock = (v: readonly number[]): number => 100 * (v[1] - v[0] ** 2) ** 2 + (1 - v[0]) ** 2
  const found = nelderMead(rosenbrock, [-1.2, 1])
  t.ok(found.converged)
  t.ok(Math.abs(found.x[0] - 1) < 1e-6 && Math.abs(found.x[1] - 1) < 1e-6, `Rosenbrock at (1, 1): ${found.x.join(', ')}`)

  const centre = [3, -2, 0.5, 10]
  const quadratic = (v: readonly number[]): number => v.reduce((s, x, i) => s + (i + 1) * (x - centre[i]) ** 2, 0)
  const q = nelderMead(quadratic, [0, 0, 0, 0])
  q.x.forEach((x, i) => t.ok(Math.abs(x - centre[i]) < 1e-6, `coordinate ${i}: ${x}`))
})

t.test('shrinks where a non-smooth function needs it, without throwing (fmin 0.0.4 threw here)', async (t) => {
  for (let s = 0; s < 20; s++) {
    const f = (v: readonly number[]): number => Math.max(Math.abs(v[0] - s), Math.abs(v[1] + 1)) + Math.floor(v[0] * 3) / 3
    t.doesNotThrow(() => nelderMead(f, [s * 0.3 + 1, 2]))
  }
})

t.test('infinite and NaN values are walls: the minimum inside a box lands on its edge', async (t) => {
  const walled = (v: readonly number[]): number => v[0] < 2 ? Infinity : (v[0] - 1) ** 2 + v[1] ** 2
  const found = nelderMead(walled, [5, 1])
  t.ok(Math.abs(found.x[0] - 2) < 1e-6 && Math.abs(found.x[1]) < 1e-6, `at (2, 0): ${found.x.join(', ')}`)
  const nan = nelderMead((v) => (v[0] < 0 ? NaN : (v[0] - 1) ** 2), [3])
  t.ok(Math.abs(nan.x[0] - 1) < 1e-6)
})

t.test('says when it ran out of evaluations', async (t) => {
  const found = nelderMead((v) => 100 * (v[1] - v[0] ** 2) ** 2 + (1 - v[0]) ** 2, [-1.2, 1], { maxEvaluations: 30 })
  t.equal(found.converged, false)
  t.ok(found.evaluations <= 40)
})
