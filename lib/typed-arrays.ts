// Filling typed arrays from a function of the index. `Float64Array.from(source, mapFn)` (and
// `from({ length }, mapFn)`) goes through the iterator protocol and collects every mapped value in
// a plain array of boxed numbers before copying: at 10M entries that took 2.1 s and a 240 MB heap
// spike (and the mark-compact GCs after it) where this loop takes 0.1 s. eslint.config.js refuses
// `<TypedArray>.from(source, mapFn)` for that reason and points here.

/** Any typed array of numbers (not the BigInt ones). */
type NumberArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray

/** `target` with entry i set to `at(i)`, for every i; returns `target`. */
export function fillBy<T extends NumberArray> (target: T, at: (i: number) => number): T {
  for (let i = 0; i < target.length; i++) target[i] = at(i)
  return target
}

/** A new array of the same type with `capacity` entries, `values` copied to its start (growing a buffer that fills). */
export function grown<T extends NumberArray> (values: T, capacity: number): T {
  const next = new (values.constructor as new (length: number) => T)(capacity)
  next.set(values)
  return next
}
