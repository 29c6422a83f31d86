// What the benchmarks and generators share about their inputs: numeric flags, and the model the
// service benchmarks serve.
import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../services/plugins/external/env.js'

/** A numeric flag's value, at least `min`; a RangeError names the flag otherwise. */
export function numberOption (name: string, value: string, min: number): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < min) throw new RangeError(`--${name} must be a number ≥ ${min}, got ${value}`)
  return n
}

/** An optional positive-integer flag: `fallback` when absent; a RangeError names the flag otherwise. */
export function positiveInteger (name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`--${name} must be a positive integer, got "${value}"`)
  return n
}

/** An optional integer flag (a seed: any sign): `fallback` when absent; a RangeError names the flag otherwise. */
export function integerOption (name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined ? fallback : Number(value)
  if (!Number.isInteger(n)) throw new RangeError(`--${name} must be an integer, got "${value}"`)
  return n
}

/**
 * `--set NAME=VALUE` flags as service settings (environment names), refused unless NAME is one of
 * `allowed`, and refused when the service would refuse the value (loadConfig's one-line reason),
 * so a typo fails before any load is run.
 */
export function serviceSettings (flags: readonly string[], allowed: readonly string[]): Record<string, string> {
  const settings: Record<string, string> = {}
  for (const flag of flags) {
    const at = flag.indexOf('=')
    const name = at < 0 ? flag : flag.slice(0, at)
    if (at < 0 || !allowed.includes(name)) throw new RangeError(`--set takes NAME=VALUE with NAME one of ${allowed.join(', ')}; got ${flag}`)
    settings[name] = flag.slice(at + 1)
  }
  loadConfig(settings)
  return settings
}

/**
 * The artifacts directory to benchmark: `given` (--artifacts or ARTIFACTS_DIR), or a temporary
 * one with a model trained on the bundled data (`temporary` is then set, for the caller to remove).
 */
export async function benchModel (given: string | undefined, prefix: string): Promise<{ artifactsDir: string, temporary?: string }> {
  if (given) return { artifactsDir: given }
  const temporary = await mkdtemp(path.join(os.tmpdir(), prefix))
  console.error(`no --artifacts or ARTIFACTS_DIR: training a model on the bundled data into ${temporary} …`)
  // imported here: a run on a given model need not load the trainer
  const { trainAndPublish } = await import('../../trainer/train.js')
  const trained = await trainAndPublish({ out: temporary })
  console.error(`trained ${trained.version} in ${(trained.totalMs / 1000).toFixed(1)} s`)
  return { artifactsDir: temporary, temporary }
}
