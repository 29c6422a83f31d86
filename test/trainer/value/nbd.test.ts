import t from 'tap'
import { bgNbdLogLikelihood } from '../../../trainer/value/bgnbd.js'
import { fitNbd, nbdExpectedPurchases, nbdLogLikelihood, nbdProbabilityOfPurchase } from '../../../trainer/value/nbd.js'
import { simulateCustomers } from './simulate.js'

t.test('NBD is BG/NBD\'s a → 0 limit', async (t) => {
  const data = { x: [0, 3, 10], tx: [0, 20, 300], T: [50, 100, 365] }
  const limit = bgNbdLogLikelihood({ r: 0.7, alpha: 60, a: 1e-12, b: 2 }, data)
  t.ok(Math.abs(nbdLogLikelihood({ r: 0.7, alpha: 60 }, data) - limit) < 1e-8)
})

t.test('predictions: the posterior mean rate times the horizon; P(a purchase) by the Gamma-Poisson', async (t) => {
  t.equal(nbdExpectedPurchases({ r: 1, alpha: 9 }, 4, 91, 90), (90 * 5) / 100)
  t.ok(Math.abs(nbdProbabilityOfPurchase({ r: 1, alpha: 9 }, 0, 91, 100) - 0.5) < 1e-12)
})

t.test('fits data without dropout', async (t) => {
  const data = simulateCustomers({ r: 0.8, alpha: 40, a: 1e-9, b: 1 }, 6000, 365, 5)
  const fit = fitNbd(data)
  t.ok(fit.converged)
  t.ok(Math.abs(fit.parameters.r / 0.8 - 1) < 0.15, `r ${fit.parameters.r}`)
  t.ok(Math.abs(fit.parameters.alpha / 40 - 1) < 0.15, `α ${fit.parameters.alpha}`)
})
