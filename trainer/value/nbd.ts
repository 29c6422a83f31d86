// The NBD model (Ehrenberg 1959): BG/NBD without dropout, its limit as a → 0 — every customer
// buys as a Poisson process of rate λ ~ Gamma(r, α) for ever. It is what the trainer serves when
// the data cannot tell dropout from a low rate (./dropout.ts), and the null model of that test.
//
//   ln L_i = ln Γ(r+x) − ln Γ(r) + r ln α − (r+x) ln(α+T)
//
// (t_x drops out: without dropout, when the purchases fell within T says nothing more.)
import gammaln from '@stdlib/math-base-special-gammaln'
import { clampLog, isAtBound, type ParameterBounds, type RepeatHistory } from './bgnbd.js'
import { nelderMead } from './nelder-mead.js'

export interface NbdParameters {
  r: number
  alpha: number
}

export interface NbdFit {
  parameters: NbdParameters
  logLikelihood: number
  customers: number
  atBound: Array<keyof NbdParameters>
  converged: boolean
  evaluations: number
}

export function nbdLogLikelihood ({ r, alpha }: NbdParameters, data: Pick<RepeatHistory, 'x' | 'T'>): number {
  const constant = r * Math.log(alpha) - gammaln(r)
  const gammas = new Map<number, number>()
  let sum = 0
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i]
    let g = gammas.get(x)
    if (g === undefined) { g = gammaln(r + x); gammas.set(x, g) }
    sum += g + constant - (r + x) * Math.log(alpha + data.T[i])
  }
  return sum
}

export function fitNbd (data: Pick<RepeatHistory, 'x' | 'T'>, bounds: ParameterBounds<keyof NbdParameters> = {}): NbdFit {
  const n = data.x.length
  if (n === 0) throw new Error('NBD: no customers to fit')
  let meanX = 0
  let meanT = 0
  for (let i = 0; i < n; i++) { meanX += data.x[i] / n; meanT += data.T[i] / n }
  const names = ['r', 'alpha'] as const
  const start = [0, Math.log(Math.max(meanT, 1e-6) / Math.max(meanX, 1e-3))].map((v, j) => clampLog(v, bounds[names[j]]))
  const fromLog = (theta: readonly number[]): NbdParameters => ({ r: Math.exp(theta[0]), alpha: Math.exp(theta[1]) })
  const outside = (theta: readonly number[]): boolean => names.some((name, j) => {
    const box = bounds[name]
    return box !== undefined && (theta[j] < Math.log(box[0]) || theta[j] > Math.log(box[1]))
  })
  const minimum = nelderMead((theta) => (outside(theta) ? Infinity : -nbdLogLikelihood(fromLog(theta), data) / n), start)
  const parameters = fromLog(minimum.x)
  return {
    parameters,
    logLikelihood: nbdLogLikelihood(parameters, data),
    customers: n,
    atBound: names.filter((name) => isAtBound(parameters[name], bounds[name])),
    converged: minimum.converged,
    evaluations: minimum.evaluations
  }
}

/** E[purchases in (T, T+t] | x, T] = t · (r+x)/(α+T): the posterior mean rate times the horizon. */
export function nbdExpectedPurchases ({ r, alpha }: NbdParameters, x: number, T: number, t: number): number {
  return (t * (r + x)) / (alpha + T)
}

/** P(at least one purchase in (T, T+t] | x, T) = 1 − ((α+T)/(α+T+t))^(r+x). */
export function nbdProbabilityOfPurchase ({ r, alpha }: NbdParameters, x: number, T: number, t: number): number {
  return 1 - Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)))
}
