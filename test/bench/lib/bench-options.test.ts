// The benches' shared flags: numbers with their floor, and `--set NAME=VALUE` service settings
// checked against the names a bench allows and the values the service accepts.
import t from 'tap'
import { numberOption, serviceSettings } from '../../../bench/lib/bench-options.js'

t.test('numberOption names the flag when its value is not a number at least its minimum', async (t) => {
  t.equal(numberOption('runs', '3', 1), 3)
  t.throws(() => numberOption('runs', '0', 1), /--runs must be a number ≥ 1, got 0/)
  t.throws(() => numberOption('runs', 'many', 1), /--runs must be a number ≥ 1, got many/)
})

t.test('serviceSettings: NAME=VALUE for an allowed name and a value the service accepts', async (t) => {
  const allowed = ['MODEL_LOADER_NICE', 'BASE_PATH']
  t.same(serviceSettings([], allowed), {})
  t.same(serviceSettings(['MODEL_LOADER_NICE=0', 'BASE_PATH=/shop'], allowed), { MODEL_LOADER_NICE: '0', BASE_PATH: '/shop' })
  t.throws(() => serviceSettings(['BASE_PATH=/a=b'], allowed), /BASE_PATH must match pattern/, 'the value is everything after the first =, refused here as a whole')
  t.throws(() => serviceSettings(['PORT=1'], allowed), /--set takes NAME=VALUE with NAME one of MODEL_LOADER_NICE, BASE_PATH; got PORT=1/)
  t.throws(() => serviceSettings(['MODEL_LOADER_NICE'], allowed), /got MODEL_LOADER_NICE$/)
  t.throws(() => serviceSettings(['MODEL_LOADER_NICE=20'], allowed), /MODEL_LOADER_NICE must be <= 19/, 'the service\'s own reason for a value it refuses')
})
