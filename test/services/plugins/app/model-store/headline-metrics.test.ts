import t from 'tap'
import { headlineMetrics } from '../../../../../services/plugins/app/model-store/headline-metrics.js'
import { fixtureManifestDraft } from '../../../../helpers/fixtures.js'
import type { Manifest } from '../../../../../lib/artifacts/index.js'

function manifestOf (evaluation?: Parameters<typeof fixtureManifestDraft>[1]): Manifest {
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

t.test("the hit rate is the evaluated model's hit rate @10, null without an evaluation", async (t) => {
  t.equal(headlineMetrics(manifestOf({ model: { at10: { hitRate: 0.25 } } })).hitRate, 0.25)
  t.equal(headlineMetrics(manifestOf({ model: { at10: { hitRate: 0.25 } }, baselines: null, target: null })).hitRate, 0.25, 'without baselines too')
  t.equal(headlineMetrics(manifestOf()).hitRate, null)
})
