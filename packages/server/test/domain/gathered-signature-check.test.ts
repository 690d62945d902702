import { describe, expect, it } from 'vitest';
import { gatheredSignatureCheck } from '../../src/domain/gathered-signature-check.js';
import { verifyEd25519 } from '../../src/domain/ed25519.js';
import { newKey, sign } from '../helpers/keys.js';

const bytes = (n: number) => new Uint8Array([n]);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('gatheredSignatureCheck', () => {
  it('answers each check with the verdict of the check it wraps', async () => {
    const key = newKey();
    const message = Buffer.from('hello');
    const signature = Buffer.from(sign(key, 'hello'), 'hex');
    const publicKey = key.publicKey;
    const check = gatheredSignatureCheck();
    const verdicts = await Promise.all([
      check(signature, message, publicKey),
      check(signature, Buffer.from('other'), publicKey),
      check(signature.subarray(1), message, publicKey),
    ]);
    expect(verdicts).toEqual([verifyEd25519(signature, message, publicKey), false, false]);
    expect(verdicts[0]).toBe(true);
  });

  it('runs the checks of one turn together, in order, before any of their callers goes on', async () => {
    const events: string[] = [];
    const check = gatheredSignatureCheck((signature) => {
      events.push(`check ${signature[0]}`);
      return signature[0] !== 2;
    });
    const asked = [1, 2, 3].map((n) =>
      Promise.resolve(check(bytes(n), bytes(0), bytes(0))).then((verified) => {
        events.push(`answer ${n} ${String(verified)}`);
      }),
    );
    expect(events).toEqual([]); // nothing runs in the turn that asks
    await Promise.all(asked);
    expect(events).toEqual([
      'check 1',
      'check 2',
      'check 3',
      'answer 1 true',
      'answer 2 false',
      'answer 3 true',
    ]);
  });

  it('runs a later turn’s checks in a later run, and fails only the check that threw', async () => {
    const runs: number[][] = [];
    let current: number[] | null = null;
    const check = gatheredSignatureCheck((signature) => {
      if (current === null) {
        current = [];
        runs.push(current);
        queueMicrotask(() => (current = null));
      }
      current.push(signature[0]!);
      if (signature[0] === 9) throw new Error('bad input');
      return true;
    });
    const first = Promise.all([
      check(bytes(1), bytes(0), bytes(0)),
      check(bytes(2), bytes(0), bytes(0)),
    ]);
    await nextTurn();
    const failing = Promise.resolve(check(bytes(9), bytes(0), bytes(0)));
    const after = check(bytes(3), bytes(0), bytes(0));
    await expect(first).resolves.toEqual([true, true]);
    await expect(failing).rejects.toThrow('bad input');
    await expect(after).resolves.toBe(true);
    expect(runs).toEqual([
      [1, 2],
      [9, 3],
    ]);
  });
});
