import t from 'tap'
import { CholeskyDecomposition, Matrix, inverse } from 'ml-matrix'
import { choleskyInPlace, invertCholeskyFactor, invertSymmetricPositiveDefinite, multiplyUpperByTranspose } from '../../../trainer/neighbours/dense-cholesky.js'
import { seededRandom } from './fixtures.js'

/** XᵀX + λI for a random 0/1 X (customers × n), the shape EASE inverts; row-major n × n. */
function gramPlusRidge (n: number, seed: number, lambda = 2, density = 0.15): Float64Array {
  const random = seededRandom(seed)
  const customers = n + 7
  const x = Array.from({ length: customers }, () => Array.from({ length: n }, () => (random() < density ? 1 : 0)))
  const a = new Float64Array(n * n)
  for (const row of x) {
    for (let i = 0; i < n; i++) {
      if (row[i] === 0) continue
      for (let j = 0; j < n; j++) a[i * n + j] += row[j]
    }
  }
  for (let i = 0; i < n; i++) a[i * n + i] += lambda
  return a
}

function toMatrix (a: Float64Array, n: number): Matrix {
  return new Matrix(Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n))))
}

function maxAbsDifference (a: Float64Array, b: Matrix, n: number): number {
  let worst = 0
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs(a[i * n + j] - b.get(i, j)))
  return worst
}

// sizes around the 64-column blocks and the 2 × 4 tiles: every edge path of the kernels
const SIZES = [1, 2, 3, 4, 5, 7, 63, 64, 65, 66, 129, 150]

t.test('the inverse agrees with ml-matrix, A·P = I, for every block and tile edge', async (t) => {
  for (const n of SIZES) {
    const a = gramPlusRidge(n, n)
    const reference = inverse(toMatrix(a, n))
    const p = invertSymmetricPositiveDefinite(a.slice(), n)
    const difference = maxAbsDifference(p, reference, n)
    t.ok(difference < 1e-12, `n = ${n}: max |P − ml-matrix| = ${difference.toExponential(2)}`)
    const identity = toMatrix(a, n).mmul(toMatrix(p, n))
    t.ok(maxAbsDifference(Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0)), identity, n) < 1e-11, `n = ${n}: A·P = I`)
  }
})

t.test('L is ml-matrix\'s Cholesky factor, written in the lower triangle only', async (t) => {
  for (const n of [3, 64, 65, 130]) {
    const a = gramPlusRidge(n, 100 + n)
    const reference = new CholeskyDecomposition(toMatrix(a, n)).lowerTriangularMatrix
    const work = a.slice()
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) work[i * n + j] = Number.NaN
    choleskyInPlace(work, n)
    let worst = 0
    let upperKept = true
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (j > i) upperKept &&= Number.isNaN(work[i * n + j])
        else worst = Math.max(worst, Math.abs(work[i * n + j] - reference.get(i, j)))
      }
    }
    t.ok(worst < 1e-12, `n = ${n}: max |L − ml-matrix| = ${worst.toExponential(2)}`)
    t.ok(upperKept, `n = ${n}: the strict upper triangle (NaN sentinels) is neither read nor written`)
  }
})

t.test('the strict upper triangle of the input survives the whole inverse, and never leaks into it', async (t) => {
  for (const n of [5, 64, 97]) {
    const a = gramPlusRidge(n, 200 + n)
    const clean = invertSymmetricPositiveDefinite(a.slice(), n)
    const marked = a.slice()
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) marked[i * n + j] = -(i * n + j)
    const p = invertSymmetricPositiveDefinite(marked, n)
    t.same(Array.from(p), Array.from(clean), `n = ${n}: same bits whatever the upper triangle holds`)
    let kept = true
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) kept &&= marked[i * n + j] === -(i * n + j)
    t.ok(kept, `n = ${n}: the upper triangle is untouched`)
  }
})

t.test('P is symmetric and positive definite; the stages compose as documented', async (t) => {
  const n = 70
  const a = gramPlusRidge(n, 7)
  const p = invertSymmetricPositiveDefinite(a.slice(), n)
  let symmetric = true
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) symmetric &&= p[i * n + j] === p[j * n + i]
  t.ok(symmetric, 'exactly symmetric')
  t.doesNotThrow(() => choleskyInPlace(p.slice(), n), 'P has a Cholesky factor: positive definite')

  const l = a.slice()
  choleskyInPlace(l, n)
  const u = invertCholeskyFactor(l, n)
  let lowerZero = true
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) lowerZero &&= u[i * n + j] === 0
  t.ok(lowerZero, 'U = L⁻ᵀ is upper triangular')
  // Lᵀ U = I
  let worst = 0
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0
      for (let k = 0; k < n; k++) sum += l[k * n + i] * (k >= i ? 1 : 0) * u[k * n + j]
      worst = Math.max(worst, Math.abs(sum - (i === j ? 1 : 0)))
    }
  }
  t.ok(worst < 1e-12, `Lᵀ U = I within ${worst.toExponential(2)}`)
  const out = new Float64Array(n * n)
  multiplyUpperByTranspose(u, n, out)
  let product = 0
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) product = Math.max(product, Math.abs(out[i * n + j] - p[i * n + j]))
  t.ok(product < 1e-15, 'U Uᵀ is the lower half of P')
})

t.test('deterministic: the same input gives the same bits', async (t) => {
  const a = gramPlusRidge(100, 3)
  t.same(Array.from(invertSymmetricPositiveDefinite(a.slice(), 100)), Array.from(invertSymmetricPositiveDefinite(a.slice(), 100)))
})

t.test('a matrix that is not positive definite, or not square, is refused', async (t) => {
  t.throws(() => invertSymmetricPositiveDefinite(Float64Array.from([1, 2, 2, 1]), 2), /not positive definite/)
  t.throws(() => invertSymmetricPositiveDefinite(Float64Array.from([0]), 1), /not positive definite/)
  t.throws(() => invertSymmetricPositiveDefinite(Float64Array.from([1, 0, 0]), 2), /expected an n × n matrix with n = 2, got 3 values/)
  t.same(Array.from(invertSymmetricPositiveDefinite(Float64Array.from([4]), 1)), [0.25])
  t.same(Array.from(invertSymmetricPositiveDefinite(new Float64Array(0), 0)), [], 'n = 0: an empty inverse')
})
