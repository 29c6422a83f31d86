// The inverse of a dense symmetric positive definite matrix, on row-major Float64Arrays: what
// EASE needs (P = (XᵀX + λI)⁻¹, ease.ts). Three stages, LAPACK's potrf → trtri → lauum:
//   1. A = L Lᵀ          Cholesky, L lower triangular                           n³/6 multiply-adds
//   2. U = L⁻ᵀ           upper triangular: U[j][i] = (δ_ij − Σ_k L[i][k] U[j][k]) / L[i][i]   n³/6
//   3. P = A⁻¹ = U Uᵀ    P[a][b] = Σ_{k ≥ max(a, b)} U[a][k] U[b][k]                          n³/6
// Written so that every stage is, for the bulk of its flops, "C[i][j] −= Σ_k X[i][k] · Y[j][k]"
// over row segments: both operands are read along rows (contiguous in row-major storage), and one
// register-tiled kernel (subtractRowProducts) does that work for all three.
//
// Why by hand: ml-matrix (a devDependency) took 3.1 s for CholeskyDecomposition at n = 2,000 and
// 66 s to solve for the inverse on this machine. Measured here at n = 2,000 (2 cores, shared, both
// busy with other work), the same C −= X Yᵀ work written as
//   - a plain dot product per output (1 accumulator):           0.66 GFLOP/s (latency-bound chain)
//   - 2 × 2 outputs per pass over k:                             2.4–3.0 GFLOP/s
//   - 2 × 4 outputs per pass (8 accumulators, 6 loads per k):    3.0–4.7 GFLOP/s  ← used
//   - 3 × 3, 3 × 4, 4 × 2, 4 × 4, 2 × 6, 2 × 8:                  no better than 2 × 4, often worse
//     (x64 has 16 SIMD registers; 2 × 4 needs 8 accumulators + 6 operands and does not spill)
//   - k cut into blocks of 128–1,000 (rows kept in L1): no gain, often a loss — the 2 MiB L2
//     already holds the block of Y rows reused across all X rows (BLOCK rows × n × 8 bytes).
// The outer loops are blocked by BLOCK columns so that the Y rows of the kernel (a block of L or
// U rows) stay in L2 while every X row streams past them once.
//
// Numerics: Cholesky without pivoting is backward stable for SPD matrices; a pivot ≤ 0 (not
// positive definite, or so ill-conditioned that rounding made it so) throws a RangeError.

/** Rows of Y kept hot in L2 per outer step: 64 × 3,000 columns × 8 bytes = 1.5 MiB. */
const BLOCK = 64

/**
 * c[i][j] −= Σ_{k ∈ [k0, k1)} x[i][k] · y[j][k] for i ∈ [i0, i1), j ∈ [j0, j1); all three arrays
 * are n × n row-major (they may be the same array when the regions do not overlap).
 */
function subtractRowProducts (c: Float64Array, x: Float64Array, y: Float64Array, n: number,
  i0: number, i1: number, j0: number, j1: number, k0: number, k1: number): void {
  let i = i0
  for (; i + 1 < i1; i += 2) {
    const r0 = i * n
    const r1 = r0 + n
    let j = j0
    for (; j + 3 < j1; j += 4) {
      const s0 = j * n
      const s1 = s0 + n
      const s2 = s1 + n
      const s3 = s2 + n
      let c00 = 0; let c01 = 0; let c02 = 0; let c03 = 0
      let c10 = 0; let c11 = 0; let c12 = 0; let c13 = 0
      for (let k = k0; k < k1; k++) {
        const a0 = x[r0 + k]
        const a1 = x[r1 + k]
        const b0 = y[s0 + k]
        const b1 = y[s1 + k]
        const b2 = y[s2 + k]
        const b3 = y[s3 + k]
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3
      }
      c[r0 + j] -= c00; c[r0 + j + 1] -= c01; c[r0 + j + 2] -= c02; c[r0 + j + 3] -= c03
      c[r1 + j] -= c10; c[r1 + j + 1] -= c11; c[r1 + j + 2] -= c12; c[r1 + j + 3] -= c13
    }
    for (; j < j1; j++) {
      const s0 = j * n
      let c0 = 0; let c1 = 0
      for (let k = k0; k < k1; k++) {
        const b0 = y[s0 + k]
        c0 += x[r0 + k] * b0
        c1 += x[r1 + k] * b0
      }
      c[r0 + j] -= c0
      c[r1 + j] -= c1
    }
  }
  for (; i < i1; i++) {
    const r0 = i * n
    for (let j = j0; j < j1; j++) {
      const s0 = j * n
      let c0 = 0
      for (let k = k0; k < k1; k++) c0 += x[r0 + k] * y[s0 + k]
      c[r0 + j] -= c0
    }
  }
}

/** Σ_{k ∈ [k0, k1)} x[r + k] · y[s + k] */
function dot (x: Float64Array, r: number, y: Float64Array, s: number, k0: number, k1: number): number {
  let sum = 0
  for (let k = k0; k < k1; k++) sum += x[r + k] * y[s + k]
  return sum
}

/**
 * In place: the lower triangle and diagonal of `a` (n × n row-major, only they are read) become
 * L with A = L Lᵀ. The strict upper triangle is neither read nor written, so a caller may keep
 * another matrix's upper half there. Throws RangeError on a pivot ≤ 0.
 *
 * Left-looking by blocks of BLOCK columns: the block column is first brought up to date with all
 * columns left of it (the kernel: ~all the flops), then factored column by column.
 */
export function choleskyInPlace (a: Float64Array, n: number): void {
  checkSquare(a, n)
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    const j1 = Math.min(n, j0 + BLOCK)
    if (j0 > 0) {
      // the diagonal block's lower triangle: rows in pairs, columns left of the pair by the kernel,
      // the pair's own 2 × 2 lower corner by dots (the kernel would write above the diagonal)
      for (let i = j0; i < j1; i += 2) {
        const pair = Math.min(2, j1 - i)
        subtractRowProducts(a, a, a, n, i, i + pair, j0, i, 0, j0)
        a[i * n + i] -= dot(a, i * n, a, i * n, 0, j0)
        if (pair === 2) {
          a[(i + 1) * n + i] -= dot(a, (i + 1) * n, a, i * n, 0, j0)
          a[(i + 1) * n + i + 1] -= dot(a, (i + 1) * n, a, (i + 1) * n, 0, j0)
        }
      }
      // the rows below the diagonal block
      subtractRowProducts(a, a, a, n, j1, n, j0, j1, 0, j0)
    }
    factorPanel(a, n, j0, j1)
  }
}

/**
 * Columns j0 … j1 − 1 of L, once every column left of j0 has been subtracted: the diagonal block
 * by the unblocked Cholesky, then each row below it by forward substitution against that block
 * (two rows at a time: two independent sums per step instead of one latency-bound chain).
 */
function factorPanel (a: Float64Array, n: number, j0: number, j1: number): void {
  for (let j = j0; j < j1; j++) {
    const rj = j * n
    const pivot = a[rj + j] - dot(a, rj, a, rj, j0, j)
    if (!(pivot > 0)) throw new RangeError(`matrix is not positive definite (pivot ${pivot} at ${j})`)
    const diagonal = Math.sqrt(pivot)
    a[rj + j] = diagonal
    for (let i = j + 1; i < j1; i++) a[i * n + j] = (a[i * n + j] - dot(a, i * n, a, rj, j0, j)) / diagonal
  }
  let i = j1
  for (; i + 1 < n; i += 2) {
    const r0 = i * n
    const r1 = r0 + n
    for (let j = j0; j < j1; j++) {
      const rj = j * n
      let s0 = a[r0 + j]
      let s1 = a[r1 + j]
      for (let k = j0; k < j; k++) {
        const l = a[rj + k]
        s0 -= a[r0 + k] * l
        s1 -= a[r1 + k] * l
      }
      const diagonal = a[rj + j]
      a[r0 + j] = s0 / diagonal
      a[r1 + j] = s1 / diagonal
    }
  }
  for (; i < n; i++) {
    const r0 = i * n
    for (let j = j0; j < j1; j++) a[r0 + j] = (a[r0 + j] - dot(a, r0, a, j * n, j0, j)) / a[j * n + j]
  }
}

/**
 * U = L⁻ᵀ (upper triangular; its strict lower triangle is left zero) from the L that
 * choleskyInPlace left in the lower triangle of `l`. Row j of U is column j of L⁻¹, found by
 * forward substitution L w = e_j; by blocks of BLOCK columns of U, the kernel first adds the
 * columns of L left of the block for all rows of U above it, then each row finishes the block.
 */
export function invertCholeskyFactor (l: Float64Array, n: number): Float64Array {
  checkSquare(l, n)
  const u = new Float64Array(n * n)
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const i1 = Math.min(n, i0 + BLOCK)
    // rows j < i0: U[j][i] −= Σ_{k ∈ [j, i0)} U[j][k] L[i][k], rows in pairs starting at k = j
    // (U[j + 1][j] is an explicit zero, so the pair shares one k range)
    for (let j = 0; j < i0; j += 2) subtractRowProducts(u, u, l, n, j, Math.min(j + 2, i0), i0, i1, j, i0)
    // every row j < i1 finishes columns max(j, i0) … i1 − 1
    for (let j = 0; j < i1; j++) {
      const rj = j * n
      for (let i = Math.max(j, i0); i < i1; i++) {
        const ri = i * n
        let sum = (i === j ? 1 : 0) + u[rj + i]
        for (let k = Math.max(j, i0); k < i; k++) sum -= l[ri + k] * u[rj + k]
        u[rj + i] = sum / l[ri + i]
      }
    }
  }
  return u
}

/**
 * The lower triangle and diagonal of U Uᵀ (U upper triangular with a zero strict lower triangle)
 * written into the lower triangle and diagonal of `out`; its strict upper triangle is untouched.
 * By blocks of BLOCK rows b of U (kept in L2), every row pair a ≥ b streams past them.
 */
export function multiplyUpperByTranspose (u: Float64Array, n: number, out: Float64Array): void {
  checkSquare(u, n)
  checkSquare(out, n)
  for (let a = 0; a < n; a++) out.fill(0, a * n, a * n + a + 1)
  for (let b0 = 0; b0 < n; b0 += BLOCK) {
    const b1 = Math.min(n, b0 + BLOCK)
    for (let a = b0; a < n; a += 2) {
      const pair = Math.min(2, n - a)
      // P[a][b] = Σ_{k ≥ a} U[a][k] U[b][k] for b < a (U[a + 1][a] = 0, so the pair starts at k = a);
      // the kernel subtracts, so the block is accumulated negated and flipped below
      subtractRowProducts(out, u, u, n, a, a + pair, b0, Math.min(b1, a), a, n)
      if (a < b1) {
        out[a * n + a] -= dot(u, a * n, u, a * n, a, n)
        if (pair === 2) {
          out[(a + 1) * n + a] -= dot(u, (a + 1) * n, u, a * n, a + 1, n)
          out[(a + 1) * n + a + 1] -= dot(u, (a + 1) * n, u, (a + 1) * n, a + 1, n)
        }
      }
    }
  }
  for (let a = 0; a < n; a++) {
    const ra = a * n
    for (let b = 0; b <= a; b++) out[ra + b] = -out[ra + b]
  }
}

export interface SpdInverseTimings {
  choleskyMs: number
  triangularInverseMs: number
  productMs: number
}

/**
 * P = A⁻¹ for a symmetric positive definite A given by the lower triangle and diagonal of `a`
 * (n × n row-major). Returns P as a full symmetric n × n matrix in a new array. `a`'s lower
 * triangle and diagonal are used as scratch (they hold P's lower half on return); its strict
 * upper triangle is never read nor written. Memory: one n² array besides `a` (U, reused for P).
 * Throws RangeError when A is not positive definite.
 */
export function invertSymmetricPositiveDefinite (a: Float64Array, n: number, timings?: SpdInverseTimings): Float64Array {
  let started = performance.now()
  choleskyInPlace(a, n)
  const choleskyMs = performance.now() - started
  started = performance.now()
  const u = invertCholeskyFactor(a, n)
  const triangularInverseMs = performance.now() - started
  started = performance.now()
  multiplyUpperByTranspose(u, n, a)
  // U is no longer needed: mirror P into it (by tiles, so that the column reads stay in cache)
  const p = u
  const tile = 32
  for (let r0 = 0; r0 < n; r0 += tile) {
    for (let c0 = 0; c0 <= r0; c0 += tile) {
      for (let r = r0; r < Math.min(n, r0 + tile); r++) {
        for (let c = c0; c < Math.min(r + 1, c0 + tile); c++) {
          const value = a[r * n + c]
          p[r * n + c] = value
          p[c * n + r] = value
        }
      }
    }
  }
  if (timings !== undefined) {
    timings.choleskyMs = choleskyMs
    timings.triangularInverseMs = triangularInverseMs
    timings.productMs = performance.now() - started
  }
  return p
}

function checkSquare (a: Float64Array, n: number): void {
  if (!Number.isInteger(n) || n < 0 || a.length !== n * n) throw new RangeError(`expected an n × n matrix with n = ${n}, got ${a.length} values`)
}
