import type { ServerReplayStore } from './server-replay-store.js';

/** Who hears of a replay store that failed. */
export interface ReplayStoreObserver {
  /** A `remember` or purge failed; the request is refused with 503, never accepted. */
  failed(kind: ServerReplayStore['kind'], error: unknown): void;
}

/**
 * The store as the verifier uses it: every failure is reported (a log line and a metric, by the
 * observer) and thrown again, so the verifier refuses the request with 503
 * REPLAY_STORE_UNAVAILABLE. Nothing here turns a failure into an answer.
 *
 * @example
 * const store = observedReplayStore(new RedisReplayStore(redis), { failed: (kind, e) => log.error(...) });
 */
export function observedReplayStore(
  store: ServerReplayStore,
  observer: ReplayStoreObserver,
): ServerReplayStore {
  return {
    kind: store.kind,
    async remember(key, expiresAtMs) {
      try {
        return await store.remember(key, expiresAtMs);
      } catch (error) {
        observer.failed(store.kind, error);
        throw error;
      }
    },
    // The purge runs on the server's timer, whose own error handling reports it.
    purgeExpired: () => store.purgeExpired(),
  };
}
