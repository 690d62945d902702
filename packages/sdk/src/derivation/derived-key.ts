import type { HashName } from './hash-names.js';

/** The derivation algorithms `deriveKey` offers. */
export type DerivationAlgorithm = 'HKDF' | 'PBKDF2' | 'scrypt' | 'argon2id';

/**
 * Options of `deriveKey`. Each algorithm takes only its own parameters (spec/derivation-v1.md §3):
 * HKDF `info`, `salt`, `hash`, `length`; PBKDF2 `salt`, `iterations`, `hash`, `length`; scrypt
 * `salt`, `n`, `r`, `p`, `length`; argon2id `salt`, `memory` (KiB), `iterations`, `parallelism`,
 * `length`. A DerivedKey is itself valid options: `deriveKey(master, derived)` derives it again.
 */
export interface DeriveKeyOptions {
  algorithm: DerivationAlgorithm;
  /** HKDF only: a context name (DATA_ENCRYPTION, SIGNING, AUTHENTICATION), any string, or bytes. */
  info?: string | Uint8Array;
  /** Random 32 bytes when omitted. Password KDFs need at least 16 bytes. */
  salt?: Uint8Array;
  /** Output length in bytes, 16 to 1024 (HKDF: at most 255 × the hash length). Default 32. */
  length?: number;
  /** HKDF and PBKDF2: SHA-256 (default), SHA-384 or SHA-512. */
  hash?: HashName;
  /** PBKDF2 (default 600,000) and argon2id (default 3). */
  iterations?: number;
  /** argon2id: memory in KiB (default 65536). */
  memory?: number;
  /** argon2id: lanes (default 1). */
  parallelism?: number;
  /** scrypt: cost N, a power of two (default 2^17). */
  n?: number;
  /** scrypt: block size r (default 8). */
  r?: number;
  /** scrypt: parallelization p (default 1). */
  p?: number;
}

/**
 * A derived key with everything needed to derive it again: the algorithm, the salt and every
 * parameter actually used, defaults included. Only the fields of its algorithm are present.
 * `key` is secret; `salt`, `info` and the parameters are not and may be stored beside the data.
 */
export interface DerivedKey {
  key: Uint8Array;
  algorithm: DerivationAlgorithm;
  salt: Uint8Array;
  length: number;
  /** HKDF: the info bytes used. */
  info?: Uint8Array;
  /** HKDF: the info as text, when it was given as a string or context name. */
  context?: string;
  hash?: HashName;
  iterations?: number;
  memory?: number;
  parallelism?: number;
  n?: number;
  r?: number;
  p?: number;
}
