// The published reference: the CDNOW sample the BG/NBD and Gamma-Gamma papers were fitted on
// (../shared/data/cdnow/README.md). Our fits must give their estimates to the printed precision.
import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { bgNbdLogLikelihood, expectedPurchases, fitBgNbd } from '../../../trainer/value/bgnbd.js'
import { fitGammaGamma, gammaGammaLogLikelihood } from '../../../trainer/value/gamma-gamma.js'
import { BG_NBD_BOUNDS, GAMMA_GAMMA_BOUNDS, fitValueModels } from '../../../trainer/value/models.js'
import { skipWithout } from '../../helpers/system-tools.js'

const CDNOW = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'cdnow', 'cdnow_customers_summary_with_transactions.csv')
const skip = skipWithout(CDNOW, "the project's shared data beside the clone: ../shared/data/cdnow")

function readCdnow (): { x: number[], tx: number[], T: number[], zbar: number[] } {
  const rows = readFileSync(CDNOW, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').map(Number))
  return { x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]), zbar: rows.map((r) => r[4]) }
}

const round = (v: number, places: number): number => Number(v.toFixed(places))

t.test('BG/NBD on CDNOW: r = 0.243, α = 4.414, a = 0.793, b = 2.426, ln L = −9582.4 (Fader, Hardie & Lee 2005)', { skip }, async (t) => {
  if (!existsSync(CDNOW)) return
  const data = readCdnow()
  t.equal(data.x.length, 2357)
  for (const bounds of [{}, BG_NBD_BOUNDS]) {
    const fit = fitBgNbd(data, bounds)
    const { r, alpha, a, b } = fit.parameters
    t.same([round(r, 3), round(alpha, 3), round(a, 3), round(b, 3)], [0.243, 4.414, 0.793, 2.426], 'parameters to 3 decimals')
    t.equal(round(fit.logLikelihood, 1), -9582.4, 'log-likelihood to 1 decimal')
    t.ok(fit.converged)
    t.same(fit.atBound, [], 'the bounds do not touch the estimate')
  }
  // the log-likelihood itself at the published point, and the papers' worked example (customer 1)
  t.equal(round(bgNbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, data), 1), -9582.4)
  t.equal(round(expectedPurchases({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86, 39), 3), 1.226, 'E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226')
})

t.test('Gamma-Gamma on the 946 repeat customers: p = 6.25, q = 3.74, γ = 15.44 (Fader & Hardie 2013)', { skip }, async (t) => {
  if (!existsSync(CDNOW)) return
  const data = readCdnow()
  const fit = fitGammaGamma(data, GAMMA_GAMMA_BOUNDS)
  t.equal(fit.customers, 946)
  const { p, q, gamma } = fit.parameters
  t.same([round(p, 2), round(q, 2)], [6.25, 3.74], 'p and q to 2 decimals')
  // The maximum is at γ = 15.4477 (scipy's Nelder–Mead and BFGS agree to 1e-4): one unit in the
  // last printed place from 15.44, where the paper's optimiser stopped — the published point's
  // ln L is 0.0015 lower than the maximum's.
  t.ok(Math.abs(gamma - 15.44) < 0.01, `γ = ${gamma.toFixed(4)} within one unit of the last published digit of 15.44`)
  t.ok(Math.abs(gamma - 15.4477) < 1e-3, 'γ at the maximum scipy finds')
  t.ok(fit.logLikelihood >= gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, data), 'at least as likely as the published point')
  t.equal(round(fit.logLikelihood, 2), -4055.92)
})

t.test('the trainer\'s rule calls CDNOW\'s dropout estimated', { skip }, async (t) => {
  if (!existsSync(CDNOW)) return
  const models = fitValueModels(readCdnow())
  t.equal(models?.dropout, 'estimated')
  t.ok(models !== null && models.likelihoodRatio > 300, `likelihood ratio vs NBD ${models?.likelihoodRatio.toFixed(1)}`)
})
