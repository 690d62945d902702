// Key generation with @datafold/js-sdk: a fresh pair from the platform CSPRNG, the formats other
// tools read, and the same pair rebuilt from its 32-byte seed.
import assert from 'node:assert/strict';
import {
  clearKeyMaterial,
  formatKey,
  generateKeyPair,
  generateMultipleKeyPairs,
  keyPairFromSeed,
  parseKey,
} from '@datafold/js-sdk';

// #region generate
const keyPair = await generateKeyPair(); // { privateKey: 32-byte seed, publicKey: 32 bytes }

const publicHex = formatKey(keyPair.publicKey, 'hex'); // what the server registers
const publicPem = formatKey(keyPair.publicKey, 'pem', { keyType: 'public' }); // SPKI, RFC 8410
const privateJwk = formatKey(keyPair.privateKey, 'jwk', { keyType: 'private' }); // RFC 8037
console.log('public key:', publicHex);
console.log(publicPem);
// #endregion generate

// #region parse
// Any of those forms reads back to the same 32 bytes.
const fromPem = parseKey(publicPem, 'pem');
assert.deepEqual(fromPem, keyPair.publicKey);
const fromJwk = parseKey(privateJwk, 'jwk');
const rebuilt = await keyPairFromSeed(fromJwk); // the public key is recomputed from the seed
assert.deepEqual(rebuilt.publicKey, keyPair.publicKey);
// #endregion parse

// #region many
const fleet = await generateMultipleKeyPairs(3); // e.g. one per device, each independent
assert.equal(new Set(fleet.map((p) => formatKey(p.publicKey, 'hex'))).size, 3);
// #endregion many

// #region clear
// Overwrite secrets you no longer need (a best effort in a garbage-collected runtime).
clearKeyMaterial(keyPair);
clearKeyMaterial(rebuilt);
for (const pair of fleet) clearKeyMaterial(pair);
// #endregion clear
console.log('generated, formatted and parsed: ok');
