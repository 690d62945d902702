import { afterEach, describe, expect, it, vi } from 'vitest';
import { GATHER_MS, gatherLines } from '../../src/app/log-destination.js';

describe('gatherLines', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands the lines written within the window to the sink in one write, in order, window after window', () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const destination = gatherLines({ write: (chunk) => writes.push(chunk), flushSync() {} });
    destination.write('a\n');
    destination.write('b\n');
    vi.advanceTimersByTime(GATHER_MS - 1);
    destination.write('c\n');
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['a\nb\nc\n']);
    destination.write('d\n');
    vi.advanceTimersByTime(GATHER_MS);
    expect(writes).toEqual(['a\nb\nc\n', 'd\n']);
    vi.advanceTimersByTime(GATHER_MS * 10);
    expect(writes).toHaveLength(2);
  });
});
