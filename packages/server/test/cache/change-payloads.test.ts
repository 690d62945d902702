import { describe, expect, it } from 'vitest';
import { changePayloads } from '../../src/cache/postgres-change-feed.js';

describe('changePayloads (NOTIFY payloads of changed client ids)', () => {
  it("carries every id once, in order, in JSON arrays under PostgreSQL's 8000-byte limit", () => {
    // 128-character ids of 4-byte characters: the largest a client id can be in UTF-8.
    const ids = Array.from({ length: 300 }, (_, i) => `${i}-`.padEnd(64, '😀'));
    const payloads = changePayloads(ids);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.flatMap((p) => JSON.parse(p) as string[])).toEqual(ids);
  });

  it('sends one payload for a few ids and none for none', () => {
    expect(changePayloads(['a', 'b'])).toEqual(['["a","b"]']);
    expect(changePayloads([])).toEqual([]);
  });
});
