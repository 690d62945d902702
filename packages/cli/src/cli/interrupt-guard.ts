/// <reference types="node" />
import { InterruptedError } from '../errors/interrupted-error.js';

/** What {@link guardInterrupts} hands the guarded work. */
export interface InterruptGuard {
  /** Throws INTERRUPTED (exit 130) if Ctrl-C came since the work began. */
  check(): void;
}

/**
 * Runs `work` with Ctrl-C (SIGINT) held back: a signal is noted instead of ending the process,
 * and `work` stops at its next `check()` so that its `undo` can take back what it had written.
 * Without this, a Ctrl-C between two writes of one operation would leave the first behind. A
 * second Ctrl-C while undoing still waits: the undo is short and must finish.
 *
 * @example
 * await guardInterrupts(async (guard) => { await writeA(); guard.check(); await writeB(); }, undoA);
 */
export async function guardInterrupts<T>(
  work: (guard: InterruptGuard) => Promise<T>,
  undo: () => Promise<void>,
): Promise<T> {
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  try {
    // Once work returns it has committed (its last write done): a late Ctrl-C changes nothing.
    return await work({
      check() {
        if (interrupted) throw new InterruptedError();
      },
    });
  } catch (error) {
    await undo();
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}
