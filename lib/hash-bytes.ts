// The one hash of byte strings for the open-addressing tables that number or find ids by their
// UTF-8 bytes without making a string (the trainer's TextKeys, the service's customer lookup):
// FNV-1a, a multiply per byte, then murmur3's finaliser, because both tables take the LOW bits as
// the slot and FNV-1a alone leaves ids that differ in their last digit (12346, 12347, …) in
// neighbouring low bits.
export function hashBytes (bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}
