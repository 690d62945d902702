#!/usr/bin/env node
// SDK core speed beside the platform's own limit, measured in the same run:
//   key generation, sign and verify through @datafold/js-sdk (one call at a time, and many in
//   flight, which is how WebCrypto uses every core) vs raw node:crypto with a reused KeyObject.
// Targets (issue 2): SDK sign and verify >= 0.8x raw node:crypto.
// Run: npm run build && node bench/sdk-core.mjs
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { generateKeyPair, getEd25519Backend, sign, verify, verifyBatch } from '@datafold/js-sdk';
import { fmt, itemsPerSecond, opsPerSecond, printTable } from './measure.mjs';

const BATCH = 64;
const message = new TextEncoder().encode(
  'DataFold benchmark message: 64 bytes of payload, give or take.',
);

const keyPair = await generateKeyPair();
const signature = await sign(message, keyPair.privateKey);
const pkcs8 = Buffer.concat([
  Buffer.from('302e020100300506032b657004220420', 'hex'),
  keyPair.privateKey,
]);
const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), keyPair.publicKey]);
const privateKeyObject = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
const publicKeyObject = createPublicKey({ key: spki, format: 'der', type: 'spki' });
if (!nodeVerify(null, message, publicKeyObject, signature))
  throw new Error('baseline disagrees with the SDK');

const batchItems = Array.from({ length: BATCH }, () => ({
  signature,
  message,
  publicKey: keyPair.publicKey,
}));

const raw = {
  keygen: await opsPerSecond(() => generateKeyPairSync('ed25519')),
  sign: await opsPerSecond(() => nodeSign(null, message, privateKeyObject)),
  verify: await opsPerSecond(() => nodeVerify(null, message, publicKeyObject, signature)),
};
const sdk = {
  keygen: await opsPerSecond(() => generateKeyPair({ validate: false })),
  keygenConcurrent: await itemsPerSecond(
    () => Promise.all(Array.from({ length: BATCH }, () => generateKeyPair({ validate: false }))),
    BATCH,
  ),
  sign: await opsPerSecond(() => sign(message, keyPair.privateKey)),
  signConcurrent: await itemsPerSecond(
    () => Promise.all(Array.from({ length: BATCH }, () => sign(message, keyPair.privateKey))),
    BATCH,
  ),
  verify: await opsPerSecond(() => verify(signature, message, keyPair.publicKey)),
  verifyBatch: await itemsPerSecond(() => verifyBatch(batchItems), BATCH),
};

const row = (operation, mode, ours, baseline, target) => ({
  operation,
  mode,
  'SDK ops/s': fmt(ours),
  'node:crypto ops/s': fmt(baseline),
  ratio: fmt(ours / baseline, 2),
  target: target ?? '',
  result: target === undefined ? '' : ours / baseline >= target ? 'ok' : 'BELOW TARGET',
});

console.log(
  `Ed25519 backend: ${await getEd25519Backend()}; Node ${process.version}; ${BATCH} in flight for concurrent rows`,
);
printTable('SDK core vs raw node:crypto (same run)', [
  row('generateKeyPair', 'one at a time', sdk.keygen, raw.keygen),
  row('generateKeyPair', 'concurrent', sdk.keygenConcurrent, raw.keygen),
  row('sign', 'one at a time', sdk.sign, raw.sign),
  row('sign', 'concurrent', sdk.signConcurrent, raw.sign, 0.8),
  row('verify', 'one at a time', sdk.verify, raw.verify),
  row('verifyBatch', 'concurrent', sdk.verifyBatch, raw.verify, 0.8),
]);
