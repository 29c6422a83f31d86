import t from 'tap'
import { expectedOrderValue, fitGammaGamma, gammaGammaLogLikelihood } from '../../../trainer/value/gamma-gamma.js'
import { gammaDraw, seededRandom } from './simulate.js'

const PUBLISHED = { p: 6.25, q: 3.74, gamma: 15.44 }

t.test('the log-likelihood (reference computed with scipy.special), customers with x = 0 skipped', async (t) => {
  const data = { x: [2, 1, 5, 0], zbar: [22.35, 11.77, 40, 0] }
  t.ok(Math.abs(gammaGammaLogLikelihood(PUBLISHED, data) - -11.602698249677147) < 1e-9)
})

t.test('expected order value: between the population mean and the customer\'s own, nearer their own the more they bought', async (t) => {
  const population = (6.25 * 15.44) / (3.74 - 1)
  t.ok(Math.abs(expectedOrderValue(PUBLISHED, 0, 0) - population) < 1e-12, 'x = 0: the population mean pγ/(q−1)')
  const one = expectedOrderValue(PUBLISHED, 1, 100)
  const many = expectedOrderValue(PUBLISHED, 50, 100)
  t.ok(population < one && one < many && many < 100)
  t.ok(Math.abs(one - (6.25 * (15.44 + 100)) / (6.25 + 3.74 - 1)) < 1e-12)
  t.equal(expectedOrderValue({ p: 1, q: 0.9, gamma: 1 }, 0, 0), Infinity, 'no finite mean for q ≤ 1')
})

t.test('recovers simulated parameters', async (t) => {
  const truth = { p: 3, q: 4, gamma: 200 }
  const random = seededRandom(11)
  const x: number[] = []
  const zbar: number[] = []
  for (let c = 0; c < 6000; c++) {
    const nu = gammaDraw(random, truth.q, truth.gamma)
    const n = 1 + Math.floor(random() * 10)
    let sum = 0
    for (let k = 0; k < n; k++) sum += gammaDraw(random, truth.p, nu)
    x.push(n)
    zbar.push(sum / n)
  }
  const fit = fitGammaGamma({ x, zbar })
  t.ok(fit.converged)
  t.equal(fit.customers, 6000)
  for (const key of ['p', 'q', 'gamma'] as const) {
    const ratio = fit.parameters[key] / truth[key]
    t.ok(ratio > 0.85 && ratio < 1.18, `${key}: ${fit.parameters[key].toFixed(3)} vs ${truth[key]}`)
  }
  t.throws(() => fitGammaGamma({ x: [0, 0], zbar: [0, 0] }), /no customer with a repeat purchase/)
})
