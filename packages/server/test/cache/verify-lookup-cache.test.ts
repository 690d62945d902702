import { describe, expect, it } from 'vitest';
import { VerifyLookupCache, type CacheLookupResult } from '../../src/cache/verify-lookup-cache.js';

function gate(initially = true) {
  const state = { usable: initially };
  return { state, gate: { usable: () => state.usable } };
}

describe('VerifyLookupCache', () => {
  it('serves what was stored, and counts hits and misses', () => {
    const seen: CacheLookupResult[] = [];
    const cache = new VerifyLookupCache<string>(10, gate().gate, (r) => seen.push(r));
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'key-a', cache.readStarted());
    expect(cache.get('a')).toBe('key-a');
    expect(seen).toEqual(['miss', 'hit']);
  });

  it('does not store a read that a change overtook: it may predate the change', () => {
    const cache = new VerifyLookupCache<string>(10, gate().gate);
    const token = cache.readStarted();
    cache.invalidate(['a']); // the change lands while the read is under way
    cache.set('a', 'old-key-a', token);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'new-key-a', cache.readStarted());
    expect(cache.get('a')).toBe('new-key-a');
  });

  it('forgets a changed key and everything on clear', () => {
    const cache = new VerifyLookupCache<string>(10, gate().gate);
    for (const k of ['a', 'b', 'c']) cache.set(k, k, cache.readStarted());
    cache.invalidate(['b']);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['a', undefined, 'c']);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('neither serves nor stores while the gate is closed (the change feed is not confirmed)', () => {
    const { state, gate: g } = gate();
    const seen: CacheLookupResult[] = [];
    const cache = new VerifyLookupCache<string>(10, g, (r) => seen.push(r));
    cache.set('a', 'key-a', cache.readStarted());
    state.usable = false;
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 'key-b', cache.readStarted());
    state.usable = true;
    expect(cache.get('b')).toBeUndefined();
    expect(seen).toEqual(['bypass', 'miss']);
  });

  it('keeps at most its size, dropping the oldest entry first', () => {
    const cache = new VerifyLookupCache<string>(2, gate().gate);
    for (const k of ['a', 'b', 'c']) cache.set(k, k, cache.readStarted());
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 'b', 'c']);
  });

  it('is off at size 0', () => {
    const seen: CacheLookupResult[] = [];
    const cache = new VerifyLookupCache<string>(0, gate().gate, (r) => seen.push(r));
    cache.set('a', 'key-a', cache.readStarted());
    expect(cache.get('a')).toBeUndefined();
    expect(cache.enabled).toBe(false);
    expect(seen).toEqual([]);
  });

  it('revises part of an entry, and refuses reads that the revision overtook', () => {
    const seen: CacheLookupResult[] = [];
    const cache = new VerifyLookupCache<{ key: string; row: string | null }>(10, gate().gate, (r) =>
      seen.push(r),
    );
    cache.set('a', { key: 'key-a', row: 'row-a' }, cache.readStarted());
    cache.set('b', { key: 'key-b', row: 'row-b' }, cache.readStarted());
    const token = cache.readStarted();
    cache.revise(['a', 'missing'], (v) => ({ ...v, row: null }));
    expect(cache.get('a')).toEqual({ key: 'key-a', row: null });
    expect(cache.get('b')).toEqual({ key: 'key-b', row: 'row-b' });
    // A caller that needs the row counts an entry without one as a miss.
    expect(cache.get('a', (v) => v.row !== null)).toEqual({ key: 'key-a', row: null });
    expect(seen).toEqual(['hit', 'hit', 'miss']);
    cache.set('a', { key: 'key-a', row: 'stale-row-a' }, token);
    expect(cache.get('a')!.row).toBeNull();
    cache.revise(['b'], () => undefined);
    expect(cache.get('b')).toBeUndefined();
  });
});
