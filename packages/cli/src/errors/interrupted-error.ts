import { DataFoldError } from '@datafold/js-sdk';

/**
 * Ctrl-C at a prompt, or during work that takes back what it wrote (cli/interrupt-guard.ts):
 * INTERRUPTED, exit 130, and nothing has been changed.
 *
 * @example
 * if (key === '\u0003') throw new InterruptedError();
 */
export class InterruptedError extends DataFoldError {
  constructor() {
    super('INTERRUPTED', 'Interrupted; nothing was changed');
  }
}
