import { hexToBytes } from '../encoding/hex.js';

/**
 * RFC 8032 §7.1 TEST 1 (seed, public key, and the signature of the empty message): the
 * known answer a native Ed25519 implementation must reproduce before the SDK signs with it
 * (webcrypto-probe.ts, node/checked-native.ts). Fresh arrays per call: callers may flip bits.
 *
 * @example
 * const { seed, publicKey, signature } = rfc8032Test1();
 */
export function rfc8032Test1(): {
  seed: Uint8Array<ArrayBuffer>;
  publicKey: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
} {
  return {
    seed: hexToBytes(
      '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    ) as Uint8Array<ArrayBuffer>,
    publicKey: hexToBytes(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    ) as Uint8Array<ArrayBuffer>,
    signature: hexToBytes(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    ) as Uint8Array<ArrayBuffer>,
  };
}
