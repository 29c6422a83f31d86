// BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way", Marketing Science
// 24(2)): while alive a customer buys as a Poisson process of rate λ ~ Gamma(r, α); after each
// purchase they drop out with probability p ~ Beta(a, b). Each customer contributes their repeat
// purchases x, the time of the last one t_x and their age T (any time unit; the trainer uses days).
//
//   ln L_i = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
//          + ln[ (α+T)^−(r+x) + [x>0] · a/(b+x−1) · (α+t_x)^−(r+x) ]             (paper, eq. 6)
//
// Fitted by maximum likelihood over ln r, ln α, ln a, ln b (positivity for free, and steps of
// the simplex are relative), optionally inside a box of bounds — see ./fit-bounds.ts for why the
// shop's data needs one.
import betaln from '@stdlib/math-base-special-betaln'
import gammaln from '@stdlib/math-base-special-gammaln'
import hyp2f1 from '@stdlib/math-base-special-hyp2f1'
import { nelderMead } from './nelder-mead.js'

export interface BgNbdParameters {
  r: number
  alpha: number
  a: number
  b: number
}

/** What the model needs of each customer: repeat purchases, time of the last, age. */
export interface RepeatHistory {
  readonly x: ArrayLike<number>
  readonly tx: ArrayLike<number>
  readonly T: ArrayLike<number>
}

export const BG_NBD_PARAMETERS = ['r', 'alpha', 'a', 'b'] as const
export type BgNbdParameterName = typeof BG_NBD_PARAMETERS[number]

/** Box bounds on the parameters (natural scale); a parameter left out is unbounded. */
export type ParameterBounds<K extends string> = Partial<Record<K, readonly [number, number]>>

export interface BgNbdFit {
  parameters: BgNbdParameters
  logLikelihood: number
  customers: number
  /** parameters whose estimate sits on a bound (within 0.1 % of it) */
  atBound: BgNbdParameterName[]
  converged: boolean
  evaluations: number
}

/** The data's distinct x values, so the Γ terms are computed once per x rather than per customer. */
function indexByX (x: ArrayLike<number>): { values: number[], of: Int32Array } {
  const position = new Map<number, number>()
  const values: number[] = []
  const of = new Int32Array(x.length)
  for (let i = 0; i < x.length; i++) {
    let k = position.get(x[i])
    if (k === undefined) {
      k = values.length
      values.push(x[i])
      position.set(x[i], k)
    }
    of[i] = k
  }
  return { values, of }
}

/** Σ ln L_i over the customers. */
export function bgNbdLogLikelihood (parameters: BgNbdParameters, data: RepeatHistory): number {
  return logLikelihoodFor(data, indexByX(data.x))(parameters)
}

function logLikelihoodFor (data: RepeatHistory, byX: { values: number[], of: Int32Array }): (p: BgNbdParameters) => number {
  const perX = new Float64Array(byX.values.length)
  const lnDrop = new Float64Array(byX.values.length)
  return ({ r, alpha, a, b }) => {
    const constant = r * Math.log(alpha) - gammaln(r) - betaln(a, b)
    for (let k = 0; k < byX.values.length; k++) {
      const x = byX.values[k]
      perX[k] = gammaln(r + x) + betaln(a, b + x) + constant
      lnDrop[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity
    }
    let sum = 0
    for (let i = 0; i < data.x.length; i++) {
      const k = byX.of[i]
      const rx = r + data.x[i]
      const alive = -rx * Math.log(alpha + data.T[i])
      const dropped = lnDrop[k] - rx * Math.log(alpha + data.tx[i])
      sum += perX[k] + logAddExp(alive, dropped)
    }
    return sum
  }
}

function logAddExp (u: number, v: number): number {
  if (v === -Infinity) return u
  const m = Math.max(u, v)
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m))
}

/**
 * Maximum likelihood, by Nelder–Mead over the parameters' logarithms, from a start set by the data's
 * mean purchase rate; `bounds` (natural scale) are walls the simplex cannot cross.
 */
export function fitBgNbd (data: RepeatHistory, bounds: ParameterBounds<BgNbdParameterName> = {}): BgNbdFit {
  const n = data.x.length
  if (n === 0) throw new Error('BG/NBD: no customers to fit')
  const logLikelihood = logLikelihoodFor(data, indexByX(data.x))
  let meanX = 0
  let meanT = 0
  for (let i = 0; i < n; i++) { meanX += data.x[i] / n; meanT += data.T[i] / n }
  // E[λ] = r/α: start at r = 1 and the mean repeat rate, a = b = 1 (mean dropout ½)
  const start = [0, Math.log(Math.max(meanT, 1e-6) / Math.max(meanX, 1e-3)), 0, 0].map((v, j) => clampLog(v, bounds[BG_NBD_PARAMETERS[j]]))
  const outside = (theta: readonly number[]): boolean => BG_NBD_PARAMETERS.some((name, j) => {
    const box = bounds[name]
    return box !== undefined && (theta[j] < Math.log(box[0]) || theta[j] > Math.log(box[1]))
  })
  const fromLog = (theta: readonly number[]): BgNbdParameters => ({ r: Math.exp(theta[0]), alpha: Math.exp(theta[1]), a: Math.exp(theta[2]), b: Math.exp(theta[3]) })
  // the mean (not the sum) so the tolerances mean the same for 100 customers or 100,000
  const minimum = nelderMead((theta) => (outside(theta) ? Infinity : -logLikelihood(fromLog(theta)) / n), start)
  const parameters = fromLog(minimum.x)
  return {
    parameters,
    logLikelihood: logLikelihood(parameters),
    customers: n,
    atBound: BG_NBD_PARAMETERS.filter((name) => isAtBound(parameters[name], bounds[name])),
    converged: minimum.converged,
    evaluations: minimum.evaluations
  }
}

export function clampLog (theta: number, box: readonly [number, number] | undefined): number {
  if (box === undefined) return theta
  return Math.min(Math.log(box[1]), Math.max(Math.log(box[0]), theta))
}

export function isAtBound (value: number, box: readonly [number, number] | undefined): boolean {
  return box !== undefined && (value <= box[0] * 1.001 || value >= box[1] / 1.001)
}

/** ln of a/(b+x−1) · ((α+T)/(α+t_x))^(r+x): the odds of having dropped out after the last purchase. */
function lnDropoutOdds ({ r, alpha, a, b }: BgNbdParameters, x: number, tx: number, T: number): number {
  if (x === 0) return -Infinity
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))
}

/** P(alive at T | x, t_x, T) (paper, eq. 11). 1 for x = 0: in BG/NBD a customer can only drop out right after a purchase. */
export function probabilityAlive (parameters: BgNbdParameters, x: number, tx: number, T: number): number {
  return 1 / (1 + Math.exp(lnDropoutOdds(parameters, x, tx, T)))
}

/** E[purchases in (T, T+t] | x, t_x, T] (paper, eq. 10). */
export function expectedPurchases (parameters: BgNbdParameters, x: number, tx: number, T: number, t: number): number {
  const { r, alpha, a, b } = parameters
  const z = t / (alpha + T + t)
  const decay = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)))
  const bracket = 1 - decay * hyp2f1(r + x, b + x, a + b + x - 1, z)
  return ((a + b + x - 1) / (a - 1)) * bracket / (1 + Math.exp(lnDropoutOdds(parameters, x, tx, T)))
}

/**
 * P(at least one purchase in (T, T+t] | x, t_x, T) = P(alive) · (1 − ((α+T)/(α+T+t))^(r+x)):
 * a customer alive at T buys with the Poisson rate's posterior, Gamma(r+x, α+T), and cannot drop
 * out before buying again.
 */
export function probabilityOfPurchase (parameters: BgNbdParameters, x: number, tx: number, T: number, t: number): number {
  const { r, alpha } = parameters
  const none = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)))
  return probabilityAlive(parameters, x, tx, T) * (1 - none)
}
