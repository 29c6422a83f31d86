import t from 'tap'
import { bgNbdLogLikelihood, expectedPurchases, fitBgNbd, isAtBound, probabilityAlive, probabilityOfPurchase } from '../../../trainer/value/bgnbd.js'
import { simulateCustomers } from './simulate.js'

const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }

t.test('the log-likelihood is the paper\'s (eq. 6; reference computed with scipy.special)', async (t) => {
  const data = { x: [2, 0, 1, 14], tx: [30.43, 0, 1.71, 36], T: [38.86, 38.86, 38.86, 38] }
  t.ok(Math.abs(bgNbdLogLikelihood(CDNOW, data) - -47.074855106672814) < 1e-9)
})

t.test('P(alive), expected purchases and P(a purchase) at the published parameters (references from scipy.special.hyp2f1)', async (t) => {
  t.equal(probabilityAlive(CDNOW, 0, 0, 38.86), 1, 'a customer without repeat purchases cannot have dropped out')
  t.ok(Math.abs(probabilityAlive(CDNOW, 2, 30.43, 38.86) - 0.726578570080673) < 1e-12)
  t.ok(Math.abs(expectedPurchases(CDNOW, 2, 30.43, 38.86, 39) - 1.226028174767135) < 1e-9)
  t.ok(Math.abs(expectedPurchases(CDNOW, 0, 0, 38.86, 39) - 0.19509805201125396) < 1e-9)
  t.ok(Math.abs(expectedPurchases(CDNOW, 50, 300, 350, 39) - 0.1604485636758116) < 1e-9)
  // consistency: P(a purchase) → P(alive) over a long horizon, and ≈ E[Y(t)] over a short one
  t.ok(Math.abs(probabilityOfPurchase(CDNOW, 2, 30.43, 38.86, 1e9) - probabilityAlive(CDNOW, 2, 30.43, 38.86)) < 1e-3)
  const short = 1e-4
  t.ok(Math.abs(probabilityOfPurchase(CDNOW, 2, 30.43, 38.86, short) / expectedPurchases(CDNOW, 2, 30.43, 38.86, short) - 1) < 1e-3)
  // a customer who stopped buying long ago is less likely alive than one who just bought
  t.ok(probabilityAlive(CDNOW, 5, 10, 38) < probabilityAlive(CDNOW, 5, 37, 38))
})

t.test('recovers simulated parameters', async (t) => {
  const truth = { r: 0.8, alpha: 40, a: 0.6, b: 3 }
  const data = simulateCustomers(truth, 8000, 365, 7)
  const fit = fitBgNbd(data)
  t.ok(fit.converged)
  for (const key of ['r', 'alpha', 'a', 'b'] as const) {
    const ratio = fit.parameters[key] / truth[key]
    t.ok(ratio > 0.75 && ratio < 1.33, `${key}: ${fit.parameters[key].toFixed(3)} vs ${truth[key]}`)
  }
})

t.test('bounds hold the fit in and are reported', async (t) => {
  const data = simulateCustomers({ r: 0.8, alpha: 40, a: 0.6, b: 3 }, 2000, 365, 3)
  const fit = fitBgNbd(data, { a: [1, 10] })
  t.ok(fit.parameters.a >= 1)
  t.same(fit.atBound, ['a'])
  t.ok(isAtBound(1.0005, [1, 10]) && isAtBound(9.995, [1, 10]) && !isAtBound(5, [1, 10]) && !isAtBound(5, undefined))
})
