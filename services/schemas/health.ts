import { Type } from 'typebox'

export const LiveSchema = Type.Object({
  status: Type.Literal('ok')
}, { examples: [{ status: 'ok' }] })

export const ReadySchema = Type.Object({
  status: Type.Literal('ready'),
  version: Type.String({ description: 'the model version serving', examples: ['20261125T154500Z-3fa9c1'] })
}, { examples: [{ status: 'ready', version: '20261125T154500Z-3fa9c1' }] })
