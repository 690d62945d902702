// Reads vectors/kdf/*.json for the Node suites (the browser page receives the same files bundled).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KdfVectorFiles } from '../vectors/kdf-vectors.js';

export const KDF_VECTOR_DIR = fileURLToPath(new URL('../../../../vectors/kdf/', import.meta.url));

export function readKdfVectorFile(name: string): unknown {
  return JSON.parse(readFileSync(`${KDF_VECTOR_DIR}${name}`, 'utf8'));
}

export function loadKdfVectors(): KdfVectorFiles {
  return {
    hkdfSha256: readKdfVectorFile('hkdf-sha256.json'),
    pbkdf2Sha256: readKdfVectorFile('pbkdf2-sha256.json'),
    scrypt: readKdfVectorFile('scrypt.json'),
    argon2id: readKdfVectorFile('argon2id.json'),
    derivationContexts: readKdfVectorFile('derivation-contexts.json'),
  };
}
