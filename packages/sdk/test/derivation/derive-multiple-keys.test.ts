import { describe, expect, it } from 'vitest';
import { deriveKey } from '../../src/derivation/derive-key.js';
import { deriveMultipleKeys } from '../../src/derivation/derive-multiple-keys.js';
import { bytesToHex } from '../../src/encoding/hex.js';
import { expectCodedError } from './expect-coded-error.js';

const master = new Uint8Array(32).fill(0x42);

describe('deriveMultipleKeys', () => {
  it('derives one distinct key per context, keyed by the context as given, with one shared salt', async () => {
    const keys = await deriveMultipleKeys(master, ['DATA_ENCRYPTION', 'SIGNING', 'my_app_v1']);
    expect(Object.keys(keys)).toEqual(['DATA_ENCRYPTION', 'SIGNING', 'my_app_v1']);
    expect(keys.SIGNING!.context).toBe('datafold_signing_v1');
    expect(keys.my_app_v1!.context).toBe('my_app_v1');
    const hexes = Object.values(keys).map((k) => bytesToHex(k.key));
    expect(new Set(hexes).size).toBe(3);
    const salts = Object.values(keys).map((k) => bytesToHex(k.salt));
    expect(new Set(salts).size).toBe(1);
    expect(keys.SIGNING!.salt).toHaveLength(32);
  });

  it('gives each key exactly what deriveKey gives for the same options', async () => {
    const salt = new Uint8Array(16).fill(1);
    const keys = await deriveMultipleKeys(master, ['AUTHENTICATION'], {
      salt,
      length: 48,
      hash: 'SHA-512',
    });
    const single = await deriveKey(master, {
      algorithm: 'HKDF',
      info: 'AUTHENTICATION',
      salt,
      length: 48,
      hash: 'SHA-512',
    });
    expect(keys.AUTHENTICATION).toEqual(single);
  });

  it('refuses an empty or non-array context list, empty or repeated contexts, non-HKDF algorithms', async () => {
    const bad: [unknown, unknown][] = [
      [[], {}],
      ['SIGNING', {}],
      [['SIGNING', 'SIGNING'], {}],
      [['SIGNING', ''], {}],
      [['SIGNING', 7], {}],
      [['SIGNING'], { algorithm: 'argon2id' }],
      [['SIGNING'], null],
    ];
    for (const [contexts, options] of bad) {
      await expectCodedError(
        deriveMultipleKeys(master, contexts as string[], options as object),
        'INVALID_ARGUMENT',
      );
    }
  });

  it('passes deriveKey’s own errors through', async () => {
    await expectCodedError(deriveMultipleKeys(new Uint8Array(8), ['SIGNING']), 'INVALID_ARGUMENT');
    await expectCodedError(
      deriveMultipleKeys(master, ['SIGNING'], { hash: 'SHA-1' as 'SHA-256' }),
      'UNSUPPORTED_ALGORITHM',
    );
  });
});
