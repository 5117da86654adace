/** Row ids: random v4 UUIDs for new rows, stable name-based ones for imported foreign annotations. */

export function newUuid(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  return format(b, 4);
}

/**
 * A UUID (version 8, "custom") derived from a string with two 64-bit FNV-1a hashes: the same
 * foreign annotation id always gives the same row id, so importing a file twice adds nothing.
 * Not cryptographic; only for de-duplication.
 */
export function uuidFromString(s: string): string {
  const b = new Uint8Array(16);
  const h1 = fnv1a64(s, 0xcbf29ce484222325n);
  const h2 = fnv1a64(s, 0x84222325cbf29ce4n);
  for (let i = 0; i < 8; i++) {
    b[i] = Number((h1 >> BigInt(8 * (7 - i))) & 0xffn);
    b[8 + i] = Number((h2 >> BigInt(8 * (7 - i))) & 0xffn);
  }
  return format(b, 8);
}

function fnv1a64(s: string, seed: bigint): bigint {
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h;
}

function format(b: Uint8Array, version: number): string {
  b[6] = (b[6]! & 0x0f) | (version << 4);
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The UUID inside "urn:uuid:…" (lower-cased), or undefined. */
export function uuidFromUrn(id: string): string | undefined {
  const m = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(id.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}
