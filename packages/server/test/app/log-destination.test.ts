import { describe, expect, it } from 'vitest';
import { gatherTurns } from '../../src/app/log-destination.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('gatherTurns', () => {
  it('hands the lines of one event-loop turn to the sink in one write, in order, turn after turn', async () => {
    const writes: string[] = [];
    const destination = gatherTurns({ write: (chunk) => writes.push(chunk), flushSync() {} });
    destination.write('a\n');
    destination.write('b\n');
    destination.write('c\n');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['a\nb\nc\n']);
    destination.write('d\n');
    await nextTurn();
    await nextTurn();
    expect(writes).toEqual(['a\nb\nc\n', 'd\n']);
  });
});
