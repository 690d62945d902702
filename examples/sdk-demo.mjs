// A short tour of @datafold/js-sdk: generate, export, sign, verify, derive.
import {
  bytesToBase64,
  deriveEd25519KeyPair,
  deriveKey,
  formatKey,
  generateKeyPair,
  sign,
  verify,
} from '@datafold/js-sdk';

const keyPair = await generateKeyPair();
console.log('public key (hex):   ', formatKey(keyPair.publicKey, 'hex'));
console.log('public key (PEM):\n' + formatKey(keyPair.publicKey, 'pem', { keyType: 'public' }));

const message = 'Hello, DataFold!';
const signature = await sign(message, keyPair.privateKey);
console.log('signature (base64): ', bytesToBase64(signature));
console.log('verifies:           ', await verify(signature, message, keyPair.publicKey));
console.log('verifies tampered:  ', await verify(signature, message + '!', keyPair.publicKey));

const encryptionKey = await deriveKey(keyPair.privateKey, {
  algorithm: 'HKDF',
  info: 'DATA_ENCRYPTION',
});
console.log('derived HKDF key:   ', formatKey(encryptionKey.key, 'hex'));

const signingKeys = await deriveEd25519KeyPair(keyPair.privateKey, 'SIGNING');
console.log('derived signing key:', formatKey(signingKeys.publicKey, 'hex'));
