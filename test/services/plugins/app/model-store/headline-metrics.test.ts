import t from 'tap'
import { evaluationHitRate, headlineMetrics } from '../../../../../services/plugins/app/model-store/headline-metrics.js'
import { fixtureManifestDraft } from '../../../../helpers/fixtures.js'
import type { Manifest } from '../../../../../lib/artifacts/index.js'

function manifestOf (evaluation?: unknown): Manifest {
  return { schemaVersion: 1, version: '20260101T000000Z-abcdef', createdAt: '2026-01-01T00:00:00.000Z', files: {}, ...fixtureManifestDraft(undefined, evaluation) }
}

t.test('reads rows, customers, products, k and silhouette from the manifest', async (t) => {
  const manifest = manifestOf()
  t.same(headlineMetrics(manifest), {
    rows: manifest.cleaning.rowsKept,
    customers: manifest.cleaning.customers,
    products: manifest.recommendations.products,
    k: manifest.segmentation.k,
    silhouette: manifest.segmentation.silhouette,
    hitRate: null
  })
})

t.test('finds the evaluation hit rate @10 where evaluation reports put it', async (t) => {
  t.equal(evaluationHitRate({ model: { at10: { hitRate: 0.25 } } }), 0.25)
  t.equal(evaluationHitRate({ model: { hitRateAt10: 0.2 } }), 0.2)
  t.equal(evaluationHitRate({ hitRate: 0.1 }), 0.1)
  t.equal(headlineMetrics(manifestOf({ hitRateAt10: 0.31 })).hitRate, 0.31)
})

t.test('no evaluation, or none with a finite hit rate, gives null', async (t) => {
  t.equal(evaluationHitRate(undefined), null)
  t.equal(evaluationHitRate(null), null)
  t.equal(evaluationHitRate({ hitRate: 'high' }), null)
  t.equal(evaluationHitRate({ model: { at10: { hitRate: Number.NaN } } }), null)
})
