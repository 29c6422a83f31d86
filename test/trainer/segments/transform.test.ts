import t from 'tap'
import { scaleFeature } from '../../../lib/segments/classify.js'
import { fitScaler, rfmColumns, scaleRfm } from '../../../trainer/segments/transform.js'
import { rfmTable } from './fixtures.js'

const rfm = rfmTable([['a', 1, 1, 10], ['b', 3, 2, 30], ['c', 8, 1, 5], ['d', 20, 6, 400]])

function populationStats (values: number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return [mean, Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)]
}

t.test('the scaler stores mean and population std (ddof = 0) of the transformed features', async t => {
  for (const transform of ['log1p', 'none'] as const) {
    const scaler = fitScaler(rfm, transform)
    rfmColumns(rfm).forEach((column, j) => {
      const values = Array.from(column, v => (transform === 'log1p' ? Math.log1p(v) : v))
      const [mean, std] = populationStats(values)
      t.ok(Math.abs(scaler.mean[j] - mean) < 1e-12, `${transform} mean ${j}`)
      t.ok(Math.abs(scaler.std[j] - std) < 1e-12, `${transform} std ${j}`)
    })
  }
})

t.test('a constant feature gets std 1, as StandardScaler does', async t => {
  const scaler = fitScaler(rfmTable([['a', 1, 1, 10], ['b', 3, 1, 30]]), 'none')
  t.equal(scaler.std[1], 1)
  t.equal(scaler.mean[1], 1)
})

t.test('scaled features have mean 0 and std 1 and equal scaleFeature bit for bit', async t => {
  const model = { transform: 'log1p' as const, scaler: fitScaler(rfm, 'log1p') }
  const points = scaleRfm(rfm, model)
  t.same({ n: points.n, dims: points.dims }, { n: 4, dims: 3 })
  for (let j = 0; j < 3; j++) {
    const column = Array.from({ length: 4 }, (_, i) => points.values[i * 3 + j])
    const [mean, std] = populationStats(column)
    t.ok(Math.abs(mean) < 1e-12 && Math.abs(std - 1) < 1e-12, `feature ${j}`)
    column.forEach((value, i) => t.equal(value, scaleFeature(rfmColumns(rfm)[j][i], j, model)))
  }
})
