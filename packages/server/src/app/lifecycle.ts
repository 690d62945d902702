import type { FastifyInstance } from 'fastify';
import { databaseFault } from '../db/database-fault.js';
import type { AppContext } from './app-context.js';
import type { ServiceResources } from './services.js';

/**
 * Starts the background work and closes everything in order when the app closes:
 *
 * - every `lastUsedFlushMs`: buffered `last_used` times of keys and tokens, and expired nonces
 *   (statements', and signed requests' in the database store);
 *   refused requests once a minute into the audit log; activity counters every few seconds; the
 *   audit chain checked every minute;
 * - on close: buffered writes flushed, the write queue drained, the change feed, the rate-limit
 *   store, the signature thread and the database closed — each step even when one before failed.
 *
 * A background write that fails is retried on the next tick; a database fault is reported once
 * by the health tracker rather than logged every second.
 *
 * @example
 * manageLifecycle(app, ctx, resources);
 */
export function manageLifecycle(
  app: FastifyInstance,
  ctx: AppContext,
  resources: ServiceResources,
): void {
  const failed = (what: string) => (error: unknown) => {
    const fault = databaseFault(error);
    if (fault) ctx.health.fault(fault, error);
    else app.log.error({ err: error }, `${what} failed`);
  };
  const flushTimer = setInterval(() => {
    ctx.lastUsed.flush().catch(failed('last_used flush'));
    ctx.tokens.flushUsage().catch(failed('token last_used flush'));
    ctx.nonces.purgeExpired(new Date().toISOString()).catch(failed('nonce purge'));
    ctx.replayStore.purgeExpired().catch(failed('request nonce purge'));
  }, ctx.config.lastUsedFlushMs);
  flushTimer.unref();
  ctx.refusals.start(failed('refusal audit'));
  ctx.activity.start(failed('activity counters flush'));
  // Incremental checks cost only the entries appended since the last one.
  ctx.chain.start(60_000, 5_000, failed('audit chain check'));

  app.addHook('onClose', async () => {
    clearInterval(flushTimer);
    ctx.health.close();
    ctx.chain.close();
    const steps = [
      () => ctx.lastUsed.flush(),
      () => ctx.tokens.flushUsage(),
      () => ctx.refusals.close(),
      () => ctx.activity.close(),
      () => ctx.batcher.drain(),
      () => ctx.feed.close(),
      () => resources.rateStore.close(),
      () => closeRedis(resources.redis),
      () => resources.verifyThread?.close(),
      () => ctx.database.close(),
    ];
    const failures: unknown[] = [];
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) {
      throw new Error(`shutdown did not complete: ${failures.length} step(s) failed`, {
        cause: failures,
      });
    }
  });
}

/** Closes the shared Redis connection unless the rate-limit store already did. */
async function closeRedis(redis: ServiceResources['redis']): Promise<void> {
  if (redis === null || redis.status === 'end') return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect(); // already gone: nothing left to flush
  }
}
