import { afterEach, describe, expect, it } from 'vitest';
import { debugLog, enableDebugLogging, isDebugLoggingEnabled } from '../../src/utils/debug-log.js';

afterEach(() => enableDebugLogging(false));

describe('debug logging', () => {
  it('is off by default and writes nothing', () => {
    const lines: unknown[] = [];
    debugLog('x', { a: 1 });
    expect(isDebugLoggingEnabled()).toBe(false);
    expect(lines).toEqual([]);
  });

  it('never passes secrets to the sink', () => {
    const lines: Array<[string, Record<string, unknown>]> = [];
    enableDebugLogging(true, (event, fields) => lines.push([event, fields]));
    const seed = new Uint8Array(32).fill(7);
    debugLog('key.stored', {
      keyId: 'app-key',
      privateKey: seed,
      passphrase: 'correct horse',
      masterKey: 'abc',
      bytes: seed,
      token: 'dfk_abc',
      count: 3,
    });
    expect(lines).toEqual([
      [
        'key.stored',
        {
          keyId: 'app-key',
          privateKey: '[redacted]',
          passphrase: '[redacted]',
          masterKey: '[redacted]',
          bytes: '<32 bytes>',
          token: '[redacted]',
          count: 3,
        },
      ],
    ]);
  });

  it('can be turned off again', () => {
    const lines: unknown[] = [];
    enableDebugLogging(true, () => lines.push(1));
    enableDebugLogging(false);
    debugLog('x');
    expect(lines).toEqual([]);
  });
});
