import { isValidPublicKey } from '@datafold/js-sdk';
import sodium from 'sodium-native';
import { describe, expect, it } from 'vitest';
import { isAcceptablePublicKey, verifyEd25519 } from '../../src/domain/ed25519.js';
import { newKey, signBytes } from '../helpers/keys.js';

// A point of order 8 (libsodium's small-order blacklist).
const ORDER_8 = Buffer.from(
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'hex',
);

describe('server Ed25519 checks', () => {
  it('accepts exactly the public keys the SDK accepts, including mixed-order points', () => {
    const honest = newKey().publicKey;
    const mixed = Buffer.alloc(32);
    sodium.crypto_core_ed25519_add(mixed, honest, ORDER_8);
    expect(sodium.crypto_core_ed25519_is_valid_point(mixed)).toBe(false); // not torsion-free
    const withSign = (b: Buffer) => Buffer.from([...b.subarray(0, 31), b[31]! | 0x80]);
    const identity = Buffer.from([1, ...new Array<number>(31).fill(0)]);
    const pMinus1 = Buffer.from([0xec, ...new Array<number>(30).fill(0xff), 0x7f]);
    const cases = [
      honest,
      mixed,
      ORDER_8,
      withSign(ORDER_8),
      Buffer.alloc(32),
      identity,
      withSign(identity), // x = 0 with the sign bit set
      pMinus1,
      withSign(pMinus1),
      Buffer.from([0xed, ...new Array<number>(30).fill(0xff), 0x7f]), // y = p: not canonical
      Buffer.alloc(32, 0xff),
      Buffer.alloc(31),
    ];
    // Random 32-byte strings: about half are not on the curve; both answers must agree.
    for (let i = 0; i < 300; i++) {
      const bytes = Buffer.alloc(32);
      sodium.randombytes_buf(bytes);
      cases.push(bytes, withSign(newKey().publicKey));
    }
    for (const key of cases) expect(isAcceptablePublicKey(key)).toBe(isValidPublicKey(key));
    expect(isAcceptablePublicKey(honest)).toBe(true);
    expect(isAcceptablePublicKey(ORDER_8)).toBe(false);
    expect(cases.some((k) => k.length === 32 && !isValidPublicKey(k))).toBe(true);
  });

  it('verifies a real signature and refuses a changed message or key', () => {
    const key = newKey();
    const message = Buffer.from('message');
    const signature = Buffer.from(signBytes(key, message), 'hex');
    expect(verifyEd25519(signature, message, key.publicKey)).toBe(true);
    expect(verifyEd25519(signature, Buffer.from('messagf'), key.publicKey)).toBe(false);
    expect(verifyEd25519(signature, message, newKey().publicKey)).toBe(false);
    expect(verifyEd25519(signature.subarray(0, 63), message, key.publicKey)).toBe(false);
  });
});
