import { randomBytes } from 'node:crypto';
import sodium from 'sodium-native';
import { canonicalStatement, type StatementFields } from '@datafold/js-sdk';

/** A real Ed25519 key pair for tests, from libsodium. */
export interface TestKey {
  seed: Buffer;
  publicKey: Buffer;
  secretKey: Buffer;
  hex: string;
}

export function newKey(seed: Buffer = randomBytes(32)): TestKey {
  const publicKey = Buffer.alloc(32);
  const secretKey = Buffer.alloc(64);
  sodium.crypto_sign_seed_keypair(publicKey, secretKey, seed);
  return { seed, publicKey, secretKey, hex: publicKey.toString('hex') };
}

export function signBytes(key: TestKey, message: Uint8Array): string {
  const signature = Buffer.alloc(64);
  sodium.crypto_sign_detached(signature, Buffer.from(message), key.secretKey);
  return signature.toString('hex');
}

export function sign(key: TestKey, message: string): string {
  return signBytes(key, Buffer.from(message, 'utf8'));
}

export function nonce(): string {
  return randomBytes(16).toString('hex');
}

/** A signed statement body: the fields plus `signature` by `key`. */
export function signStatement(key: TestKey, fields: StatementFields): string {
  return signBytes(key, canonicalStatement(fields));
}

/** A proof of possession for registering `key` under `clientId` (spec/http-statements.md §6). */
export function registrationProof(
  key: TestKey,
  clientId: string,
  timestamp = new Date().toISOString(),
) {
  const n = nonce();
  const fields = { action: 'register' as const, clientId, publicKey: key.hex, timestamp, nonce: n };
  return { signature: signStatement(key, fields), timestamp, nonce: n };
}

/** A registration body with its proof, as the SDKs send it. */
export function registerBody(key: TestKey, clientId: string, extra: Record<string, unknown> = {}) {
  return {
    client_id: clientId,
    public_key: key.hex,
    proof: registrationProof(key, clientId),
    ...extra,
  };
}
