import { createBackup } from '../backup/create-backup.js';
import { restoreBackup } from '../backup/restore-backup.js';
import { deriveSealingKey } from '../sealing/derive-sealing-key.js';
import { deriveKey } from '../derivation/derive-key.js';
import { generateKeyPair } from '../keys/generate-key-pair.js';
import { generateMultipleKeyPairs } from '../keys/generate-multiple-key-pairs.js';
import { sign } from '../signatures/sign.js';
import { verify } from '../signatures/verify.js';

/**
 * The operations a {@link CryptoWorker} runs, by name: the SDK's own functions, so the worker and
 * the inline fallback compute exactly what the main entry does. Every argument and result is
 * structured-cloneable (bytes, strings, plain objects).
 *
 * @example
 * const pair = await CRYPTO_OPERATIONS.generateKeyPair();
 */
export const CRYPTO_OPERATIONS = {
  generateKeyPair,
  generateMultipleKeyPairs,
  sign,
  verify,
  deriveKey,
  // The operation keeps the name it was published under; it derives for every sealed format.
  deriveBackupKey: deriveSealingKey,
  createBackup,
  restoreBackup,
} as const;

/** The name of one {@link CRYPTO_OPERATIONS} entry. */
export type CryptoOperation = keyof typeof CRYPTO_OPERATIONS;

/** One request to a crypto worker; the answer carries the same id. */
export interface CryptoRequest {
  id: number;
  op: CryptoOperation;
  args: unknown[];
}

/** A worker's answer: the result, or the error as {@link serializeError} made it. */
export type CryptoResponse =
  | { id: number; type: 'result'; result: unknown }
  | { id: number; type: 'error'; error: SerializedError };

/** An error as it crosses the thread boundary. */
export interface SerializedError {
  name: string;
  code: string | undefined;
  message: string;
  details: Record<string, unknown>;
}

/** True when `op` names an operation (a worker refuses anything else). */
export function isCryptoOperation(op: unknown): op is CryptoOperation {
  return typeof op === 'string' && Object.hasOwn(CRYPTO_OPERATIONS, op);
}

/** Runs one operation by name. */
export function runCryptoOperation(op: CryptoOperation, args: unknown[]): Promise<unknown> {
  const run = CRYPTO_OPERATIONS[op] as (...a: unknown[]) => Promise<unknown>;
  return run(...args);
}
