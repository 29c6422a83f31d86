// Nelder–Mead downhill simplex (Nelder & Mead 1965, with the standard coefficients of Lagarias et
// al. 1998: reflection 1, expansion 2, contraction ½, shrink ½), restarted from its best point
// until a restart gains nothing — the usual remedy for a simplex that collapsed early.
//
// Written here because no maintained npm minimiser fits (checked on install): `fmin` 0.0.4, the most
// used (~550k downloads a month), exports nothing in Node — its package.json says "type":
// "module" over a UMD build, which then assigns to globalThis.fmin — and its shrink step assigns
// an undeclared `i` in strict mode, so 44 of 50 small non-smooth test problems threw
// "ReferenceError: i is not defined"; `numeric` (uncmin, BFGS) was last published in 2012 with no
// licence field and no types; `optimization-js` lists browserify, jsdoc and travis as runtime
// dependencies. The likelihoods here have 3 or 4 parameters and cheap evaluations, where a
// derivative-free simplex is a textbook choice (scipy's `fmin` is the same method);
// test/trainer/value/nelder-mead.test.ts holds it to known minima.

export interface MinimiseOptions {
  /** initial simplex: x0 plus `step` along each axis */
  step?: number
  /** converged when every vertex is within this of the best, per coordinate … */
  xTolerance?: number
  /** … and every vertex's value within this of the best's */
  fTolerance?: number
  maxEvaluations?: number
  /** restarts from the best point after convergence, while they still improve by > fTolerance */
  maxRestarts?: number
}

export interface Minimum {
  x: number[]
  fx: number
  evaluations: number
  /** false when maxEvaluations ran out first */
  converged: boolean
}

const DEFAULTS: Required<MinimiseOptions> = { step: 0.5, xTolerance: 1e-8, fTolerance: 1e-10, maxEvaluations: 20_000, maxRestarts: 10 }

/** Minimises `f` from `x0`; a NaN value counts as +∞, so a bound can be an infinite wall. */
export function nelderMead (f: (x: readonly number[]) => number, x0: readonly number[], options: MinimiseOptions = {}): Minimum {
  const o = { ...DEFAULTS, ...options }
  let evaluations = 0
  const value = (x: readonly number[]): number => {
    evaluations++
    const fx = f(x)
    return Number.isNaN(fx) ? Infinity : fx
  }
  let best = { x: [...x0], fx: value(x0) }
  let converged = false
  for (let restart = 0; restart <= o.maxRestarts; restart++) {
    const run = simplexRun(value, best.x, best.fx, o, () => evaluations)
    const gain = best.fx - run.fx
    if (run.fx <= best.fx) best = { x: run.x, fx: run.fx }
    converged = run.converged
    if (!run.converged || !(gain > o.fTolerance)) break
  }
  return { x: best.x, fx: best.fx, evaluations, converged }
}

function simplexRun (value: (x: readonly number[]) => number, x0: number[], f0: number, o: Required<MinimiseOptions>,
  spent: () => number): { x: number[], fx: number, converged: boolean } {
  const n = x0.length
  const points: number[][] = [x0]
  const values: number[] = [f0]
  for (let i = 0; i < n; i++) {
    const p = [...x0]
    p[i] += o.step
    points.push(p)
    values.push(value(p))
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i)
  const along = (centroid: number[], worst: number[], t: number): number[] => centroid.map((c, j) => c + t * (worst[j] - c))

  while (true) {
    order.sort((a, b) => values[a] - values[b])
    const bestAt = order[0]
    let spread = 0
    let fSpread = 0
    for (let k = 1; k <= n; k++) {
      const i = order[k]
      fSpread = Math.max(fSpread, Math.abs(values[i] - values[bestAt]))
      for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(points[i][j] - points[bestAt][j]))
    }
    // an infinite best value has no spread to measure: not converged
    if (Number.isFinite(values[bestAt]) && spread <= o.xTolerance && fSpread <= o.fTolerance) {
      return { x: points[bestAt], fx: values[bestAt], converged: true }
    }
    if (spent() >= o.maxEvaluations) return { x: points[bestAt], fx: values[bestAt], converged: false }

    const worstAt = order[n]
    const centroid = new Array<number>(n).fill(0)
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) centroid[j] += points[order[k]][j] / n
    const worst = points[worstAt]
    const replace = (p: number[], fp: number): void => { points[worstAt] = p; values[worstAt] = fp }

    const reflected = along(centroid, worst, -1)
    const fr = value(reflected)
    if (fr < values[bestAt]) {
      const expanded = along(centroid, worst, -2)
      const fe = value(expanded)
      if (fe < fr) replace(expanded, fe)
      else replace(reflected, fr)
      continue
    }
    if (fr < values[order[n - 1]]) { replace(reflected, fr); continue }
    // contraction: outside when the reflection beat the worst, else inside
    const outside = fr < values[worstAt]
    const contracted = along(centroid, worst, outside ? -0.5 : 0.5)
    const fc = value(contracted)
    if (fc < (outside ? fr : values[worstAt])) { replace(contracted, fc); continue }
    // shrink every vertex halfway towards the best
    for (let k = 1; k <= n; k++) {
      const i = order[k]
      points[i] = points[i].map((v, j) => points[bestAt][j] + 0.5 * (v - points[bestAt][j]))
      values[i] = value(points[i])
    }
  }
}
