// `npm run openapi`: writes the OpenAPI document the routes' schemas generate to
// openapi/openapi.json. test/services/openapi.test.ts fails when the committed file differs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Fastify from 'fastify'
import app, { serverOptions } from './app.js'
import { PROJECT_ROOT } from '../lib/project-root.js'

export const OPENAPI_FILE = path.join(PROJECT_ROOT, 'openapi', 'openapi.json')

function sortKeys (value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, value[key]]))
}

/** The document as the running service serves it, with paths and components in sorted order. */
export async function generateOpenApiDocument (): Promise<string> {
  // an empty artifacts directory: the document depends on the code only, never on a model
  const artifactsDir = await mkdtemp(path.join(tmpdir(), 'shopper-openapi-'))
  const fastify = Fastify({ ...serverOptions, logger: false })
  try {
    await fastify.register(app, { env: { ARTIFACTS_DIR: artifactsDir, TRAIN_ON_START: false, LOG_LEVEL: 'silent' } })
    await fastify.ready()
    const document = fastify.swagger() as unknown as Record<string, unknown> & { paths?: Record<string, unknown>, components?: Record<string, unknown> }
    if (document.paths) document.paths = sortKeys(document.paths)
    if (document.components) {
      document.components = Object.fromEntries(Object.entries(sortKeys(document.components))
        .map(([key, section]) => [key, typeof section === 'object' && section !== null ? sortKeys(section as Record<string, unknown>) : section]))
    }
    return JSON.stringify(document, null, 2) + '\n'
  } finally {
    await fastify.close()
    await rm(artifactsDir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const text = await generateOpenApiDocument()
  await writeFile(OPENAPI_FILE, text)
  process.stdout.write(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)} (${Buffer.byteLength(text)} bytes)\n`)
}
