// Schemas of the health probes (/health).
import { Type } from 'typebox'

export const LiveSchema = Type.Object({
  status: Type.Literal('ok')
}, { $id: 'Liveness', description: 'the process answers', examples: [{ status: 'ok' }] })

export const ReadySchema = Type.Object({
  status: Type.Literal('ready'),
  version: Type.String({ description: 'the model version serving', examples: ['20261125T154500Z-3fa9c1'] })
}, { $id: 'Readiness', description: 'a model version serves', examples: [{ status: 'ready', version: '20261125T154500Z-3fa9c1' }] })
