// Schemas of the model-operations routes (/models).
import { Type, type Static } from 'typebox'
import { VersionNameSchema } from './common.js'
import { ref } from './ref.js'

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number>>(schema: T) => Type.Union([schema, Type.Null()])
const IsoTime = Type.String({ format: 'date-time', examples: ['2026-11-25T15:45:00.000Z'] })

export const HeadlineMetricsSchema = Type.Object({
  rows: Type.Integer({ description: 'transaction rows kept after cleaning', examples: [392692] }),
  customers: Type.Integer({ examples: [4338] }),
  products: Type.Integer({ description: 'products in the catalogue', examples: [3665] }),
  k: Type.Integer({ description: 'number of customer segments', examples: [4] }),
  silhouette: Nullable(Type.Number({ examples: [0.34] })),
  hitRate: Nullable(Type.Number({ description: 'offline hit rate @10 of the recommendations, when the trainer evaluated', examples: [0.21] }))
}, { $id: 'HeadlineMetrics', description: 'headline numbers from the version manifest' })

export const VersionStatusSchema = Type.Union([
  Type.Literal('active'), Type.Literal('pinned'), Type.Literal('loaded'), Type.Literal('available'), Type.Literal('invalid')
], { $id: 'VersionStatus', description: 'active: serving because LATEST names it; pinned: serving because ops pinned it; loaded: in memory for ?version= requests; available: on disk, not loaded; invalid: failed to load (see reason), never serves' })

export const VersionInfoSchema = Type.Object({
  version: VersionNameSchema,
  createdAt: Nullable(IsoTime),
  status: ref(VersionStatusSchema),
  reason: Type.Optional(Type.String({ description: 'why the version cannot serve', examples: ['neighbours.bin: has 1024 bytes, manifest says 53311 (truncated or replaced)'] })),
  latest: Type.Boolean({ description: 'LATEST names this version' }),
  onDisk: Type.Boolean({ description: 'false when the active version was deleted from disk: it keeps serving from memory' }),
  metrics: Type.Union([ref(HeadlineMetricsSchema), Type.Null()])
}, { $id: 'VersionInfo', description: 'a model version on disk (or still serving from memory)' })

export const LoadFailureSchema = Type.Object({
  version: Type.String(),
  reason: Type.String(),
  at: IsoTime
}, { $id: 'LoadFailure', description: 'a version that failed to load, and why' })

export const PinRecordSchema = Type.Object({
  version: VersionNameSchema,
  by: Type.String({ description: 'who pinned: the `by` of PUT /models/active, or user@host of the models command', examples: ['ops-alice'] }),
  at: IsoTime,
  note: Type.Optional(Type.String({ description: 'why, in the words of whoever pinned', examples: ['roll back: v2 recommends out-of-stock products'] }))
}, { $id: 'PinRecord', description: 'the pin recorded in the artifacts directory (the file PINNED): every replica serves this version' })

export const PointerProblemSchema = Type.Object({
  file: Type.Union([Type.Literal('LATEST'), Type.Literal('PINNED')]),
  reason: Type.String({ examples: ['LATEST holds "../x", which is not a version name'] }),
  since: IsoTime
}, { $id: 'PointerProblem', description: 'LATEST or PINNED is present but unusable: the version serving keeps serving until it is fixed' })

export const ActiveModelSchema = Type.Object({
  active: Nullable(VersionNameSchema),
  createdAt: Nullable(IsoTime),
  pinned: Nullable(VersionNameSchema),
  pin: Type.Union([ref(PinRecordSchema), Type.Null()]),
  following: Type.Union([Type.Literal('latest'), Type.Literal('pinned')], { description: 'latest: serves the version LATEST names; pinned: serves the pinned version until DELETE /models/active' }),
  latest: Nullable(VersionNameSchema),
  activeSince: Nullable(IsoTime),
  lastCheckAt: Nullable(IsoTime),
  lastFailure: Type.Union([ref(LoadFailureSchema), Type.Null()], { description: 'the last version that failed to load when this replica tried to serve it' }),
  problems: Type.Array(ref(PointerProblemSchema)),
  cached: Type.Array(VersionNameSchema, { description: 'versions in memory for ?version= requests, least recently used first' }),
  metrics: Type.Union([ref(HeadlineMetricsSchema), Type.Null()])
}, { $id: 'ActiveModel', description: 'what this replica serves, and why' })
export type ActiveModel = Static<typeof ActiveModelSchema>

export const ModelListSchema = Type.Object({
  active: Nullable(VersionNameSchema),
  pinned: Nullable(VersionNameSchema),
  pin: Type.Union([ref(PinRecordSchema), Type.Null()]),
  latest: Nullable(VersionNameSchema),
  problems: Type.Array(ref(PointerProblemSchema)),
  versions: Type.Array(ref(VersionInfoSchema), { description: 'newest first' })
}, { $id: 'ModelList', description: 'every model version on disk, and what serves' })

export const PinBodySchema = Type.Object({
  version: VersionNameSchema,
  by: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'who pins, for the record (default: "admin API")' })),
  note: Type.Optional(Type.String({ maxLength: 500, description: 'why' }))
}, { $id: 'PinRequest', description: 'the version to pin, and for the record who pins it and why', additionalProperties: false, examples: [{ version: '20261125T154500Z-3fa9c1', by: 'ops-alice', note: 'roll back: bad recommendations' }] })
export type PinBody = Static<typeof PinBodySchema>
