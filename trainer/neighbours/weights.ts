// What one cell of the customer × product matrix is worth, and each product column's norm.
import type { PurchaseMatrix } from './purchase-matrix.js'
import type { Weighting } from './options.js'

/** One weight per matrix cell, aligned with `matrix.product`. */
export function cellWeights (matrix: PurchaseMatrix, weighting: Weighting): Float64Array {
  const weights = new Float64Array(matrix.quantity.length)
  switch (weighting) {
    case 'binary':
      weights.fill(1)
      break
    case 'quantity':
      weights.set(matrix.quantity)
      break
    case 'log-quantity':
      // log1p damps the wholesalers who buy a product by the thousand without ignoring volume
      for (let k = 0; k < weights.length; k++) weights[k] = Math.log1p(matrix.quantity[k])
      break
  }
  return weights
}

/** Euclidean norm of each product column. */
export function columnNorms (matrix: PurchaseMatrix, weights: Float64Array): Float64Array {
  const squares = new Float64Array(matrix.products)
  for (let k = 0; k < weights.length; k++) squares[matrix.product[k]] += weights[k] * weights[k]
  for (let p = 0; p < squares.length; p++) squares[p] = Math.sqrt(squares[p])
  return squares
}
