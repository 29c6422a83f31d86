// The value stage's models, fitted together, and what they say about each customer.
//
// Bounds. Every parameter is fitted inside a box (BOUNDS) that is wide of any published or
// measured estimate (CDNOW in weeks, Online Retail and II in days: r 0.2–0.9, α 4–70, a 0.1–0.8,
// b 2–7, p 2–7, q 3–4, γ 15–490) and only stops a drift: on Online Retail's calibration data the
// unbounded BG/NBD fit walks the flat ridge to a = 7.6e-8, b = 1.0e5 (mean dropout per purchase
// a/(a+b) = 1e-12), where nobody ever drops out and 2F1's b-parameter is so large that the
// expected-purchases formula is a difference of nearly equal numbers. q is kept above 1 because
// the expected order value pγ/(q−1) is infinite below it.
//
// The dropout rule (documented in trainer/value/README.md). BG/NBD nests the NBD model (no
// dropout: its a → 0 limit). Dropout is 'estimated' when the data support it:
//   2 · (ln L_BG/NBD − ln L_NBD) ≥ 3.84   (χ²₁ at 5 %; the exact null distribution on the
//   boundary is a 50:50 mix of χ²₀ and χ²₁, whose 5 % point is 2.71 — 3.84 is the stricter),
//   and neither a nor b sits on its bound;
// otherwise it is 'degenerate': the predictions are the NBD's (a Poisson rate per customer,
// shrunk towards the population's), and P(alive) is not given — every customer would get ≈ 1.0,
// a number the data did not produce. Measured: CDNOW 362, Online Retail II 666 (estimated);
// Online Retail 0.31 on all of it and 0.00 on its calibration part (degenerate).
//
// A regulariser (a prior on a and b, as `lifetimes`' penalizer) was the other way offered; it was
// not taken, because on data without the information it returns the prior's dropout rate as if
// the customers had shown it — the opposite of saying so.
import { fitBgNbd, expectedPurchases, probabilityAlive, probabilityOfPurchase, type BgNbdFit, type BgNbdParameterName, type ParameterBounds, type RepeatHistory } from './bgnbd.js'
import { expectedOrderValue, fitGammaGamma, type GammaGammaFit, type GammaGammaParameterName, type SpendHistory } from './gamma-gamma.js'
import { pearson } from './metrics.js'
import { fitNbd, nbdExpectedPurchases, nbdProbabilityOfPurchase, type NbdFit } from './nbd.js'

export const BG_NBD_BOUNDS: ParameterBounds<BgNbdParameterName> = { r: [1e-4, 1e4], alpha: [1e-4, 1e6], a: [1e-4, 1e4], b: [1e-4, 1e4] }
export const NBD_BOUNDS: ParameterBounds<'r' | 'alpha'> = { r: BG_NBD_BOUNDS.r, alpha: BG_NBD_BOUNDS.alpha }
export const GAMMA_GAMMA_BOUNDS: ParameterBounds<GammaGammaParameterName> = { p: [1e-4, 1e4], q: [1 + 1e-4, 1e4], gamma: [1e-4, 1e8] }

/** The likelihood-ratio statistic dropout must reach to count as estimated. */
export const DROPOUT_LR_THRESHOLD = 3.84

export type Dropout = 'estimated' | 'degenerate'

export interface ValueModels {
  bgNbd: BgNbdFit
  nbd: NbdFit
  /** 2 · (ln L_BG/NBD − ln L_NBD) */
  likelihoodRatio: number
  dropout: Dropout
  gammaGamma: GammaGammaFit
  /** Pearson correlation of x and zbar over the Gamma-Gamma's customers: the model assumes ≈ 0 */
  frequencySpendCorrelation: number | null
}

/** Customers with a repeat purchase: fewer and the spend model has nothing to learn from. */
export const MIN_REPEAT_CUSTOMERS = 10

/** null when fewer than MIN_REPEAT_CUSTOMERS customers bought twice (the models need repeat purchases). */
export function fitValueModels (data: RepeatHistory & SpendHistory): ValueModels | null {
  const repeat: { x: number[], zbar: number[] } = { x: [], zbar: [] }
  for (let i = 0; i < data.x.length; i++) {
    if (data.x[i] > 0 && data.zbar[i] > 0) { repeat.x.push(data.x[i]); repeat.zbar.push(data.zbar[i]) }
  }
  if (repeat.x.length < MIN_REPEAT_CUSTOMERS) return null
  const bgNbd = fitBgNbd(data, BG_NBD_BOUNDS)
  const nbd = fitNbd(data, NBD_BOUNDS)
  const likelihoodRatio = 2 * (bgNbd.logLikelihood - nbd.logLikelihood)
  const onBound = bgNbd.atBound.includes('a') || bgNbd.atBound.includes('b')
  return {
    bgNbd,
    nbd,
    likelihoodRatio,
    dropout: likelihoodRatio >= DROPOUT_LR_THRESHOLD && !onBound ? 'estimated' : 'degenerate',
    gammaGamma: fitGammaGamma(repeat, GAMMA_GAMMA_BOUNDS),
    frequencySpendCorrelation: pearson(repeat.x, repeat.zbar)
  }
}

/** Per customer, index i ↔ the summary's i-th. */
export interface CustomerValues {
  expectedPurchases: Float64Array
  /** null when dropout is degenerate */
  pAlive: Float64Array | null
  /** P(at least one purchase in the horizon) */
  probabilityOfPurchase: Float64Array
  expectedOrderValue: Float64Array
  expectedRevenue: Float64Array
}

/** What the models predict for the `horizonDays` after each customer's calibration end. */
export function predictValues (models: ValueModels, data: RepeatHistory & SpendHistory, horizonDays: number): CustomerValues {
  const n = data.x.length
  const purchases = new Float64Array(n)
  const buys = new Float64Array(n)
  const orderValue = new Float64Array(n)
  const revenue = new Float64Array(n)
  const estimated = models.dropout === 'estimated'
  const pAlive = estimated ? new Float64Array(n) : null
  const bg = models.bgNbd.parameters
  const nbd = models.nbd.parameters
  for (let i = 0; i < n; i++) {
    const x = data.x[i]
    const tx = data.tx[i]
    const T = data.T[i]
    if (pAlive !== null) {
      pAlive[i] = probabilityAlive(bg, x, tx, T)
      purchases[i] = expectedPurchases(bg, x, tx, T, horizonDays)
      buys[i] = probabilityOfPurchase(bg, x, tx, T, horizonDays)
    } else {
      purchases[i] = nbdExpectedPurchases(nbd, x, T, horizonDays)
      buys[i] = nbdProbabilityOfPurchase(nbd, x, T, horizonDays)
    }
    orderValue[i] = expectedOrderValue(models.gammaGamma.parameters, x, data.zbar[i])
    revenue[i] = purchases[i] * orderValue[i]
  }
  return { expectedPurchases: purchases, pAlive, probabilityOfPurchase: buys, expectedOrderValue: orderValue, expectedRevenue: revenue }
}
