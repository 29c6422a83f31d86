// GET /models/:version/report: a version's training report (report.html), checked against the
// manifest before it is served. The report is self-contained: inline CSS and inline SVG charts,
// no scripts, nothing loaded from anywhere, which lets its Content-Security-Policy forbid
// everything else (see REPORT_CSP).
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { readTrainingReport, reportEntry } from '../../domain/training-report.js'
import { VersionNameSchema } from '../../schemas/common.js'
import { BadRequestResponse } from '../../schemas/error-responses.js'
import { errorResponse } from '../../schemas/error.js'

export const ReportParamsSchema = Type.Object({ version: VersionNameSchema })

/**
 * No script, no request to anywhere, no forms, no framing by other sites. Inline styles stay
 * allowed: the report's stylesheet is a <style> element and its SVG charts carry style
 * attributes. With nothing else allowed to load (img-src only data:), CSS cannot send data out.
 * `sandbox` (without allow-scripts) is a second lock should a script ever get into the file.
 */
export const REPORT_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox'
].join('; ')

// a version's report never changes (the version is immutable): cache it, revalidate by ETag later
const REPORT_CACHE_CONTROL = 'public, max-age=3600'

function etagOf (sha256: string): string {
  return `"sha256-${sha256}"`
}

function matchesEtag (ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || tag.replace(/^W\//, '') === etag
  })
}

/** 304 without a body or a content type (the typed reply of the route would want a body) */
function notModified (reply: FastifyReply): FastifyReply {
  return reply.code(304).send()
}

const reportRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  const artifactsDir = fastify.modelStore.artifactsDir

  fastify.get('/:version/report', {
    schema: {
      operationId: 'getTrainingReport',
      summary: 'The training report of a model version (HTML)',
      description: 'The self-contained report the trainer published with the version: data cleaning, countries, products, ' +
        'RFM distributions, the choice of k, segment profiles and, when evaluated, recommendation quality. The file is checked ' +
        'against the manifest\'s size and sha256 before it is served; a modified file answers 422 and is never served. ' +
        'Served for any version on disk, loaded or not.',
      tags: ['Models'],
      params: ReportParamsSchema,
      response: {
        200: {
          description: 'The report (text/html; charset=utf-8), with a strict Content-Security-Policy',
          content: { 'text/html': { schema: Type.String({ description: 'a self-contained HTML document' }) } }
        },
        304: { type: 'null', description: 'Not modified: the If-None-Match header names the report\'s ETag (its sha256)' },
        400: BadRequestResponse,
        404: errorResponse(404, 'The version is not in the artifacts directory, or was published without a report',
          { summary: 'no report', code: 'ERR_REPORT_NOT_FOUND', message: 'model version 20261125T154500Z-3fa9c1 has no training report (it was published without report.html)' },
          { summary: 'no such version', code: 'ERR_MODEL_VERSION_NOT_FOUND', message: 'model version 20261125T154500Z-3fa9c1 is not in the artifacts directory' }),
        422: errorResponse(422, 'The report (or the version\'s manifest) does not match what was published',
          { code: 'ERR_REPORT_INVALID', message: 'the training report of model version 20261125T154500Z-3fa9c1 is not served: report.html differs from the manifest\'s sha256 (modified after publishing)' })
      }
    }
  }, async function (request, reply) {
    const { version } = request.params
    const entry = await reportEntry(artifactsDir, version)
    const etag = etagOf(entry.sha256)
    reply.header('cache-control', REPORT_CACHE_CONTROL).header('etag', etag)
    // the client's copy was checked when it was served; the file is not read again
    if (matchesEtag(request.headers['if-none-match'], etag)) return notModified(reply)
    const report = await readTrainingReport(artifactsDir, version, entry)
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', REPORT_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      // the bytes exactly as published: a Buffer is sent as is (the typed reply only knows the schema's string)
      .send(report.body as unknown as string)
  })
}

export { matchesEtag }
export default reportRoutes
