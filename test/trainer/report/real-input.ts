// Real-data inputs for the report tests: the trainer's own stages on the bundled Online Retail
// file, wired the way trainer/train.ts wires them (minus neighbours and publishing).
import path from 'node:path'
import { loadCleanTransactions } from '../../../trainer/read/load-clean-transactions.js'
import { computeRfm } from '../../../trainer/rfm.js'
import { buildSegmentModel } from '../../../trainer/segments/index.js'
import { buildCatalogue } from '../../../trainer/catalogue.js'
import { DEFAULT_TRAIN_OPTIONS, optionsForManifest, resolveTrainOptions } from '../../../trainer/options.js'
import type { ReportInput } from '../../../trainer/report/index.js'

export async function loadRealReportInput (): Promise<ReportInput> {
  const options = resolveTrainOptions({ out: '/nonexistent', input: DEFAULT_TRAIN_OPTIONS.input })
  const { table, report: cleaning, input } = await loadCleanTransactions({ input: options.input, maxMalformedShare: options.maxMalformedShare })
  const rfm = computeRfm(table)
  const segments = buildSegmentModel(rfm, { k: options.k, transform: options.transform, seed: options.seed, nInit: options.nInit })
  const catalogue = buildCatalogue(table)
  return {
    manifest: {
      trainer: { name: 'shopper-spectrum', version: '0.0.0-test', node: process.version },
      input: { ...input, fileName: path.basename(input.fileName) },
      options: optionsForManifest(options),
      snapshotDate: rfm.snapshot.toISOString(),
      cleaning,
      segmentation: {
        k: segments.k,
        kSelection: segments.kSelection,
        sweep: segments.sweep,
        inertia: segments.inertia,
        silhouette: segments.silhouette,
        sizes: segments.sizes
      },
      recommendations: {
        products: catalogue.catalogue.products.length,
        recommendableProducts: catalogue.catalogue.popularity.length,
        productsWithNeighbours: 0,
        neighbourPairs: 0
      },
      timings: {}
    },
    table,
    rfm,
    segments,
    catalogue
  }
}
