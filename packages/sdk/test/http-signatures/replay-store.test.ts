import { describe, expect, it } from 'vitest';
import { createMemoryReplayStore } from '../../src/http-signatures/replay-store.js';

describe('createMemoryReplayStore (spec §3.1)', () => {
  it('answers new, then seen, until the entry expires', async () => {
    let now = 10_000;
    const store = createMemoryReplayStore({ now: () => now });
    expect(await store.remember('a\nn1', 20_000)).toBe('new');
    expect(await store.remember('a\nn1', 20_000)).toBe('seen');
    expect(await store.remember('b\nn1', 20_000)).toBe('new');
    now = 20_000;
    expect(await store.remember('a\nn1', 30_000)).toBe('new');
  });

  it('is born at notBefore, rounded up to the second', () => {
    expect(createMemoryReplayStore({ now: () => 1_000_500 }).notBefore).toBe(1001);
    expect(createMemoryReplayStore({ now: () => 1_000_000 }).notBefore).toBe(1000);
  });

  it('fails closed when full of live nonces, and makes room as they expire', async () => {
    let now = 0;
    const store = createMemoryReplayStore({ maxEntries: 3, now: () => now });
    for (const n of ['1', '2', '3']) expect(await store.remember(n, 1000)).toBe('new');
    await expect(store.remember('4', 1000)).rejects.toThrow(/3 live nonces/);
    expect(await store.remember('1', 1000)).toBe('seen');
    now = 1000;
    expect(await store.remember('4', 2000)).toBe('new');
    expect(await store.remember('5', 2000)).toBe('new');
  });

  it('sweeps expired entries out of order when full', async () => {
    let now = 0;
    const store = createMemoryReplayStore({ maxEntries: 2, now: () => now });
    await store.remember('long', 10_000);
    await store.remember('short', 500);
    now = 600;
    expect(await store.remember('next', 10_000)).toBe('new');
  });

  it('refuses a maxEntries that is not a positive integer', () => {
    expect(() => createMemoryReplayStore({ maxEntries: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
