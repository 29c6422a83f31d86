// Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value"; Colombo
// & Jiang 1999): a customer's purchase values are Gamma(p, ν) around their own mean p/ν, and ν is
// Gamma(q, γ) across customers. Each customer with x > 0 repeat purchases of mean value zbar
// contributes (x·zbar is Gamma(p·x, ν), integrated over ν):
//
//   ln L_i = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln zbar + px ln x − (px+q) ln(x·zbar + γ)
//
// and the customer's expected order value is the posterior mean (paper, eq. 5)
//
//   E[Z | x, zbar] = p (γ + x·zbar) / (px + q − 1),   and p γ / (q − 1) for x = 0,
//
// a weighted average of the population mean pγ/(q−1) and the customer's own zbar. The model
// assumes spend independent of purchase frequency; the trainer records the correlation of x and
// zbar so a reader can judge it.
import gammaln from '@stdlib/math-base-special-gammaln'
import { clampLog, isAtBound, type ParameterBounds } from './bgnbd.js'
import { nelderMead } from './nelder-mead.js'

export interface GammaGammaParameters {
  p: number
  q: number
  gamma: number
}

export const GAMMA_GAMMA_PARAMETERS = ['p', 'q', 'gamma'] as const
export type GammaGammaParameterName = typeof GAMMA_GAMMA_PARAMETERS[number]

/** Repeat purchases and their mean value; customers with x = 0 are skipped by the fit. */
export interface SpendHistory {
  readonly x: ArrayLike<number>
  readonly zbar: ArrayLike<number>
}

export interface GammaGammaFit {
  parameters: GammaGammaParameters
  logLikelihood: number
  /** customers with x > 0 and zbar > 0: the ones the model is fitted on */
  customers: number
  atBound: GammaGammaParameterName[]
  converged: boolean
  evaluations: number
}

/** Σ ln L_i over the customers with x > 0 and zbar > 0. */
export function gammaGammaLogLikelihood ({ p, q, gamma }: GammaGammaParameters, data: SpendHistory): number {
  let sum = 0
  const constant = q * Math.log(gamma) - gammaln(q)
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i]
    const z = data.zbar[i]
    if (!(x > 0 && z > 0)) continue
    const px = p * x
    sum += gammaln(px + q) - gammaln(px) + constant + (px - 1) * Math.log(z) + px * Math.log(x) - (px + q) * Math.log(x * z + gamma)
  }
  return sum
}

/**
 * Maximum likelihood over ln p, ln q, ln γ by Nelder–Mead, started at p = 1 (exponential
 * purchase values), q = 2 and γ such that the population mean pγ/(q−1) is the data's mean zbar.
 */
export function fitGammaGamma (data: SpendHistory, bounds: ParameterBounds<GammaGammaParameterName> = {}): GammaGammaFit {
  let n = 0
  let mean = 0
  for (let i = 0; i < data.x.length; i++) {
    if (data.x[i] > 0 && data.zbar[i] > 0) { n++; mean += data.zbar[i] }
  }
  if (n === 0) throw new Error('Gamma-Gamma: no customer with a repeat purchase to fit')
  mean /= n
  const start = [0, Math.log(2), Math.log(mean)].map((v, j) => clampLog(v, bounds[GAMMA_GAMMA_PARAMETERS[j]]))
  const fromLog = (theta: readonly number[]): GammaGammaParameters => ({ p: Math.exp(theta[0]), q: Math.exp(theta[1]), gamma: Math.exp(theta[2]) })
  const outside = (theta: readonly number[]): boolean => GAMMA_GAMMA_PARAMETERS.some((name, j) => {
    const box = bounds[name]
    return box !== undefined && (theta[j] < Math.log(box[0]) || theta[j] > Math.log(box[1]))
  })
  const minimum = nelderMead((theta) => (outside(theta) ? Infinity : -gammaGammaLogLikelihood(fromLog(theta), data) / n), start)
  const parameters = fromLog(minimum.x)
  return {
    parameters,
    logLikelihood: gammaGammaLogLikelihood(parameters, data),
    customers: n,
    atBound: GAMMA_GAMMA_PARAMETERS.filter((name) => isAtBound(parameters[name], bounds[name])),
    converged: minimum.converged,
    evaluations: minimum.evaluations
  }
}

/** E[order value | x, zbar]; the population mean for x = 0. Infinite when q ≤ 1 (the fit bounds q above 1). */
export function expectedOrderValue ({ p, q, gamma }: GammaGammaParameters, x: number, zbar: number): number {
  if (!(x > 0)) return q > 1 ? (p * gamma) / (q - 1) : Infinity
  return (p * (gamma + x * zbar)) / (p * x + q - 1)
}
