// A reference to a shared schema (one registered with fastify.addSchema, see shared.ts). The
// OpenAPI document then has the schema once, as a named component, and every use is a $ref to it,
// so generated clients get one named type instead of a copy per operation.
import { Type, type Static, type TSchema, type TUnsafe } from 'typebox'

/**
 * `{ $ref: schema.$id }`, typed as what it refers to. TypeBox's own `Type.Ref(id)` is typed
 * `unknown` without a module context, which would leave handlers' answers and request bodies
 * untyped; Fastify resolves the reference to exactly this schema at run time.
 */
export function ref<T extends TSchema> (schema: T): TUnsafe<Static<T>> {
  const id = (schema as { $id?: unknown }).$id
  if (typeof id !== 'string') throw new Error('ref(): the schema has no $id, so it is not a shared schema (services/schemas/shared.ts)')
  return Type.Unsafe<Static<T>>(Type.Ref(id))
}
