// Schemas of the model-operations routes (/models).
import { Type, type Static } from '@sinclair/typebox'
import { VersionNameSchema } from './common.js'

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()])
const IsoTime = Type.String({ format: 'date-time', examples: ['2026-11-25T15:45:00.000Z'] })

export const HeadlineMetricsSchema = Type.Object({
  rows: Type.Integer({ description: 'transaction rows kept after cleaning', examples: [392692] }),
  customers: Type.Integer({ examples: [4338] }),
  products: Type.Integer({ description: 'products in the catalogue', examples: [3665] }),
  k: Type.Integer({ description: 'number of customer segments', examples: [4] }),
  silhouette: Nullable(Type.Number({ examples: [0.34] })),
  hitRate: Nullable(Type.Number({ description: 'offline hit rate @10 of the recommendations, when the trainer evaluated', examples: [0.21] }))
}, { description: 'headline numbers from the version manifest' })

export const VersionStatusSchema = Type.Union([
  Type.Literal('active'), Type.Literal('pinned'), Type.Literal('loaded'), Type.Literal('available'), Type.Literal('invalid')
], { description: 'active: serving because LATEST names it; pinned: serving because ops pinned it; loaded: in memory for ?version= requests; available: on disk, not loaded; invalid: failed to load (see reason), never serves' })

export const VersionInfoSchema = Type.Object({
  version: VersionNameSchema,
  createdAt: Nullable(IsoTime),
  status: VersionStatusSchema,
  reason: Type.Optional(Type.String({ description: 'why the version cannot serve', examples: ['neighbours.json: has 1024 bytes, manifest says 53311 (truncated or replaced)'] })),
  latest: Type.Boolean({ description: 'LATEST names this version' }),
  onDisk: Type.Boolean({ description: 'false when the active version was deleted from disk: it keeps serving from memory' }),
  metrics: Type.Union([HeadlineMetricsSchema, Type.Null()])
})

export const LoadFailureSchema = Type.Object({
  version: Type.String(),
  reason: Type.String(),
  at: IsoTime
})

export const ActiveModelSchema = Type.Object({
  active: Nullable(VersionNameSchema),
  createdAt: Nullable(IsoTime),
  pinned: Nullable(VersionNameSchema),
  following: Type.Union([Type.Literal('latest'), Type.Literal('pinned')], { description: 'latest: serves the version LATEST names; pinned: serves the pinned version until DELETE /models/active' }),
  latest: Nullable(VersionNameSchema),
  activeSince: Nullable(IsoTime),
  lastCheckAt: Nullable(IsoTime),
  lastFailure: Type.Union([LoadFailureSchema, Type.Null()]),
  cached: Type.Array(VersionNameSchema, { description: 'versions in memory for ?version= requests, least recently used first' }),
  metrics: Type.Union([HeadlineMetricsSchema, Type.Null()])
})
export type ActiveModel = Static<typeof ActiveModelSchema>

export const ModelListSchema = Type.Object({
  active: Nullable(VersionNameSchema),
  pinned: Nullable(VersionNameSchema),
  latest: Nullable(VersionNameSchema),
  versions: Type.Array(VersionInfoSchema, { description: 'newest first' })
})

export const PinBodySchema = Type.Object({
  version: VersionNameSchema
}, { additionalProperties: false, examples: [{ version: '20261125T154500Z-3fa9c1' }] })
export type PinBody = Static<typeof PinBodySchema>
