import { describe, expect, it } from 'vitest';

import { AnswerCache } from '../../src/middleware/answer-cache.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('AnswerCache', () => {
  it('keeps an answer for the TTL, then asks again', async () => {
    const time = clock();
    const cache = new AnswerCache<number>({ ttlMs: 5_000, maxEntries: 10, now: time.now });
    let calls = 0;
    const lookUp = () => Promise.resolve(++calls);
    expect(await cache.get('a', lookUp)).toBe(1);
    time.advance(4_999);
    expect(await cache.get('a', lookUp)).toBe(1);
    time.advance(1);
    expect(await cache.get('a', lookUp)).toBe(2);
  });

  it('shares one lookup among concurrent callers of one key', async () => {
    const cache = new AnswerCache<string>({ ttlMs: 0, maxEntries: 10, now: Date.now });
    let calls = 0;
    let release!: (v: string) => void;
    const lookUp = () => {
      calls += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const answers = [cache.get('a', lookUp), cache.get('a', lookUp), cache.get('a', lookUp)];
    release('key');
    expect(await Promise.all(answers)).toEqual(['key', 'key', 'key']);
    expect(calls).toBe(1);
    // TTL 0: nothing kept once the lookup is done.
    await cache.get('a', () => Promise.resolve('again'));
    expect(cache.size).toBe(0);
  });

  it('keeps no failure: the next caller asks again', async () => {
    const cache = new AnswerCache<string>({ ttlMs: 5_000, maxEntries: 10, now: Date.now });
    await expect(cache.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', () => Promise.resolve('up'))).toBe('up');
  });

  it('holds at most maxEntries answers, dropping the oldest first', async () => {
    const cache = new AnswerCache<string>({ ttlMs: 60_000, maxEntries: 2, now: Date.now });
    for (const key of ['a', 'b', 'c']) await cache.get(key, () => Promise.resolve(key));
    expect(cache.size).toBe(2);
    let asked = false;
    await cache.get('a', () => {
      asked = true;
      return Promise.resolve('a2');
    });
    expect(asked).toBe(true);
    expect(await cache.get('c', () => Promise.resolve('not asked'))).toBe('c');
  });
});
