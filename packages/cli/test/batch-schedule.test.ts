import { describe, expect, it } from 'vitest';
import { keysOf, runInDependencyOrder } from '../src/cli/batch-schedule.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('runInDependencyOrder (batch --parallel)', () => {
  it('runs an operation only after every earlier one on the same key, and the rest side by side', async () => {
    const ops = [
      { 'key-id': 'k1' }, // generate k1, slow
      { 'key-id': 'k2' }, // generate k2
      { 'master-key-id': 'k1', 'output-key-id': 'k1-signing' }, // derive from k1
      { 'key-id': 'k2' }, // sign with k2
    ];
    const log: string[] = [];
    let concurrent = 0;
    let most = 0;
    await runInDependencyOrder(
      ops.length,
      (i) => keysOf(ops[i]!),
      2,
      async (i) => {
        most = Math.max(most, ++concurrent);
        log.push(`start ${i}`);
        for (let t = 0; t < (i === 0 ? 4 : 1); t++) await tick();
        log.push(`end ${i}`);
        concurrent--;
      },
      () => false,
    );
    expect(log.indexOf('start 2')).toBeGreaterThan(log.indexOf('end 0'));
    expect(log.indexOf('start 3')).toBeGreaterThan(log.indexOf('end 1'));
    expect(most).toBe(2);
  });

  it('starts nothing more once told to stop', async () => {
    const ran: number[] = [];
    let failed = false;
    await runInDependencyOrder(
      3,
      () => new Set(['same']),
      2,
      async (i) => {
        ran.push(i);
        failed = true;
        await tick();
      },
      () => failed,
    );
    expect(ran).toEqual([0]);
  });
});
