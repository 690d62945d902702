import { readFileSync } from 'node:fs';
import type { Ed25519VectorFiles } from '../vectors/ed25519-vectors.js';

const dir = new URL('../../../../vectors/ed25519/', import.meta.url);

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;
}

/** The vector files of vectors/ed25519, parsed. */
export function loadEd25519Vectors(): Ed25519VectorFiles {
  return {
    rfc8032: load('rfc8032.json'),
    edgeCases: load('edge-cases.json'),
    pemJwk: load('pem-jwk.json'),
  };
}
