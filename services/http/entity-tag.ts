// If-None-Match (RFC 9110 13.1.2): a list of entity tags, compared weakly: `W/"x"` and `"x"` name
// the same answer, whatever its content coding.

/**
 * Whether the If-None-Match header names `etag` (weak comparison). `*` ("any current answer")
 * does not count: it is true only if the resource exists, and whether a product or a customer
 * exists is the handler's to find out, so such a request is answered in full.
 */
export function ifNoneMatchHas (header: string | undefined, etag: string): boolean {
  if (header === undefined || header === '') return false
  const wanted = opaque(etag)
  return header.split(',').some((candidate) => opaque(candidate.trim()) === wanted)
}

function opaque (tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag
}
