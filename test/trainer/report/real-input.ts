// Real-data inputs for the report tests: the trainer's own stages on the bundled Online Retail file.
import path from 'node:path'
import { loadCleanTransactions } from '../../../trainer/read/load-clean-transactions.js'
import { optionsForManifest, resolveTrainOptions } from '../../../trainer/options.js'
import { pipelineReportInput, type TestReportInput } from './pipeline-input.js'

export async function loadRealReportInput (): Promise<TestReportInput> {
  const options = resolveTrainOptions({ out: '/nonexistent' })
  const { table, report: cleaning, input } = await loadCleanTransactions({ input: options.input, maxMalformedShare: options.maxMalformedShare })
  return pipelineReportInput({
    table,
    cleaning,
    input: { ...input, fileName: path.basename(input.fileName) },
    options: optionsForManifest(options),
    segments: { k: options.k, transform: options.transform, seed: options.seed, nInit: options.nInit }
  })
}
