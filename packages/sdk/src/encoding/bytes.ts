/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return concatByteList(parts);
}

/**
 * Concatenates a list of byte arrays, however long (a body stream's chunks can outnumber what a
 * spread argument list may hold).
 */
export function concatByteList(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Equality in time that depends only on the lengths, for comparing secrets and MACs. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Overwrites `bytes` with zeros. JavaScript cannot promise no copies exist elsewhere; this removes ours. */
export function wipe(bytes: Uint8Array): void {
  bytes.fill(0);
}

/** True for a Uint8Array (including Node's Buffer, which subclasses it). */
export function isBytes(value: unknown): value is Uint8Array {
  return (
    value instanceof Uint8Array ||
    (ArrayBuffer.isView(value) && value.constructor?.name === 'Uint8Array')
  );
}
