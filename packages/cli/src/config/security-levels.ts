import type { Argon2idKdfParams } from '@datafold/js-sdk';

/** The three security levels of `crypto init --security-level`. */
export type SecurityLevel = 'interactive' | 'balanced' | 'sensitive';

export const SECURITY_LEVELS: readonly SecurityLevel[] = ['interactive', 'balanced', 'sensitive'];

/**
 * Argon2id cost per level, for key files and backups the CLI writes (spec/cli-exit-codes.md
 * lists them for users too). Every level clears the write floors of spec/derivation-v1.md §4.1
 * and the read ceilings of §4.2 (m × t ≤ 2^20), so any DataFold reader opens what it writes.
 *
 * - interactive: m = 19 MiB, t = 2 — OWASP's minimum Argon2id configuration; tests and CI.
 * - balanced: m = 64 MiB, t = 3 — RFC 9106 §4's second recommended option; the default.
 * - sensitive: m = 256 MiB, t = 4 — four times balanced's memory, for long-lived keys.
 *
 * @example
 * const params = SECURITY_LEVEL_PARAMS.balanced; // { memory: 65536, iterations: 3, parallelism: 1 }
 */
export const SECURITY_LEVEL_PARAMS: Readonly<Record<SecurityLevel, Readonly<Argon2idKdfParams>>> = {
  interactive: { memory: 19456, iterations: 2, parallelism: 1 },
  balanced: { memory: 65536, iterations: 3, parallelism: 1 },
  sensitive: { memory: 262144, iterations: 4, parallelism: 1 },
};

/** True for one of the three level names. */
export function isSecurityLevel(value: unknown): value is SecurityLevel {
  return typeof value === 'string' && (SECURITY_LEVELS as readonly string[]).includes(value);
}
