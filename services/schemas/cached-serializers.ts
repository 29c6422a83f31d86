// Fastify's serializer builder (@fastify/fast-json-stringify-compiler, what Fastify uses by default)
// with one serializer per schema object instead of one per route and status. With the shared
// schemas, every build reads and validates all of them (fast-json-stringify starts from scratch
// each time), and the same ErrorBody reference is built for each of ~300 route × status pairs:
// ready() took ~320 ms of CPU instead of ~120 ms, long enough, on a busy machine, for load
// shedding to answer the first requests 503 (test/services/server.test.ts). A serializer depends
// only on its schema, the shared schemas and the options, which are the same for every route.
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'

type SerializerFactory = ReturnType<typeof SerializerSelector>

export function cachedSerializerBuilder (): SerializerFactory {
  const build = SerializerSelector()
  return function buildSerializer (externalSchemas, options) {
    const compile = build(externalSchemas, options)
    const bySchema = new WeakMap<object, ReturnType<typeof compile>>()
    return function serializerFor (route) {
      const schema = route.schema
      if (typeof schema !== 'object' || schema === null) return compile(route)
      let serializer = bySchema.get(schema)
      if (!serializer) {
        serializer = compile(route)
        bySchema.set(schema, serializer)
      }
      return serializer
    }
  }
}
