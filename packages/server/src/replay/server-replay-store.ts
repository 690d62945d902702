import type { ReplayStore } from '@datafold/js-sdk';

/**
 * A replay store of the server (spec/http-message-signatures-v1.md §3.1): the SDK's
 * `ReplayStore`, shared by every instance (Redis or the database), with what the server's
 * lifecycle needs besides. Both stores survive a restart of the server, so neither sets
 * `notBefore`: a nonce accepted before the restart is still refused after it.
 */
export interface ServerReplayStore extends ReplayStore {
  /** Which store answers: `redis` (REDIS_URL) or `database`; for the log and the metrics. */
  readonly kind: 'redis' | 'database';
  /** Deletes nonces past their expiry (the database store; Redis expires keys itself). */
  purgeExpired(): Promise<number>;
}

/**
 * Splits the SDK's replay key (`keyid` + "\n" + `nonce`, verify-http-message.ts) into the
 * client id and the nonce. A client id never contains a line feed (spec §2, `keyid`).
 *
 * @example
 * replayKeyParts('client-1\nAAECAwQFBgcICQoLDA0ODw'); // { clientId: 'client-1', nonce: 'AAEC…' }
 */
export function replayKeyParts(key: string): { clientId: string; nonce: string } {
  const split = key.indexOf('\n');
  if (split < 0)
    throw new Error('a replay key is a client id and a nonce separated by a line feed');
  return { clientId: key.slice(0, split), nonce: key.slice(split + 1) };
}
