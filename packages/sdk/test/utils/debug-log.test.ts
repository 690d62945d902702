import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createMemoryKeyStorage } from '../../src/storage/memory-storage.js';
import { keyPairFromSeed } from '../../src/keys/key-pair-from-seed.js';
import {
  debugLog,
  enableDebugLogging,
  isDebugLoggingEnabled,
  resetDebugLogging,
} from '../../src/utils/debug-log.js';

// Which fields are never written: the same cases the Python SDK reads.
const redaction = JSON.parse(
  readFileSync(new URL('../../../../vectors/debug-log/redaction.json', import.meta.url), 'utf8'),
) as { redacted: string[]; written: string[] };

const PASSPHRASE = 'correct horse battery staple';
const CHEAP = { memory: 19456, iterations: 2, parallelism: 1 };

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  resetDebugLogging();
});

describe('debug logging', () => {
  it('is off by default: nothing reaches the console', async () => {
    vi.stubEnv('DATAFOLD_DEBUG', undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => undefined);
    const storage = createMemoryKeyStorage({ kdfParams: CHEAP });
    await storage.storeKeyPair(
      'app',
      await keyPairFromSeed(new Uint8Array(32).fill(1)),
      PASSPHRASE,
    );
    expect(isDebugLoggingEnabled()).toBe(false);
    expect(error).not.toHaveBeenCalled();
    expect(debug).not.toHaveBeenCalled();
  });

  it('DATAFOLD_DEBUG=1 logs what the SDK does to stderr, never a secret', async () => {
    vi.stubEnv('DATAFOLD_DEBUG', '1');
    const lines: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => lines.push(args));
    const storage = createMemoryKeyStorage({ kdfParams: CHEAP });
    const pair = await keyPairFromSeed(new Uint8Array(32).fill(1));
    await storage.storeKeyPair('app', pair, PASSPHRASE);
    await storage.retrieveKeyPair('app', PASSPHRASE);
    expect(lines.map((l) => l[0])).toEqual([
      '[datafold] storage.version-written',
      '[datafold] storage.read',
    ]);
    expect(lines[0]![1]).toMatchObject({ store: 'memory', keyId: 'app', version: 1, current: 1 });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(PASSPHRASE);
    expect(text).not.toContain(Buffer.from(pair.privateKey).toString('hex'));
  });

  it('DATAFOLD_DEBUG=0 and an explicit call win as they should', () => {
    vi.stubEnv('DATAFOLD_DEBUG', '0');
    expect(isDebugLoggingEnabled()).toBe(false);
    const seen: string[] = [];
    enableDebugLogging(true, (event) => seen.push(event));
    debugLog('x');
    enableDebugLogging(false);
    debugLog('y');
    expect(seen).toEqual(['x']);
  });

  it('redacts the fields of vectors/debug-log/redaction.json and writes the others', () => {
    const lines: Array<Record<string, unknown>> = [];
    enableDebugLogging(true, (_event, fields) => lines.push(fields));
    const fields = Object.fromEntries(
      [...redaction.redacted, ...redaction.written].map((name) => [name, 'value']),
    );
    debugLog('fields', { ...fields, bytes: new Uint8Array(32), long: 'x'.repeat(300) });
    const [line] = lines;
    for (const name of redaction.redacted) expect(line![name], name).toBe('[redacted]');
    for (const name of redaction.written) expect(line![name], name).toBe('value');
    expect(line!.bytes).toBe('<32 bytes>');
    expect(line!.long).toBe('<300 characters>');
  });
});
