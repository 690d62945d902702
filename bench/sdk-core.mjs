#!/usr/bin/env node
// SDK core speed beside the platform's own limit, measured in the same run: generateKeyPair, sign
// and verify through @datafold/js-sdk's main entry (what Node users import), one call awaited at a
// time and 64 in flight, vs raw node:crypto with a reused KeyObject (one call at a time: it is
// synchronous, so more in flight gains it nothing on one thread).
// Target (issue 18): SDK >= 0.8x raw node:crypto for all three, one at a time and in flight.
//
// Run: npm run build && node bench/sdk-core.mjs [--repeat N] [--seconds S] [--without-sodium]
//   --repeat N        rounds (default 3); each round measures raw and SDK in alternating 50 ms
//                     slices over the same seconds, and the summary gives the range of each
//                     ratio: the machine may be shared
//   --seconds S       seconds per variant measured (default 1)
//   --without-sodium  the node backend as it runs where the optional sodium-native addon cannot
//                     load: OpenSSL through node:crypto
//   --backend NAME    pin a backend (useEd25519Backend): 'webcrypto' shows what the browser path,
//                     and the main entry in Node before it registered the node backend, costs
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  generateKeyPair,
  getEd25519Backend,
  sign,
  useEd25519Backend,
  verify,
  verifyBatch,
} from '@datafold/js-sdk';
import { fmt, printTable } from './measure.mjs';

const { values: args } = parseArgs({
  options: {
    repeat: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '1' },
    'without-sodium': { type: 'boolean', default: false },
    backend: { type: 'string', default: 'auto' },
  },
});
const ROUNDS = Number(args.repeat);
const timing = { seconds: Number(args.seconds), warmup: 0.2 };
const BATCH = 64;
const TARGET = 0.8;

if (args['without-sodium']) {
  // The package's own built modules (the same instances the main entry uses: Node resolves the
  // workspace link to this path), registered as the node backend's OpenSSL test does: with a
  // loader that finds no sodium-native.
  const sdkDist = new URL('../packages/sdk/dist/signatures/', import.meta.url);
  const { registerNodeEd25519Backend } = await import(new URL('backend-selection.js', sdkDist));
  const { createNodeBackend } = await import(new URL('node/node-backend.js', sdkDist));
  registerNodeEd25519Backend((portable) =>
    createNodeBackend(portable, () => Promise.resolve(null)),
  );
}

useEd25519Backend(args.backend);

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
if (!Buffer.from(nodeSign(null, message, privateKeyObject)).equals(Buffer.from(signature)))
  throw new Error('baseline signs differently from the SDK');
const batchItems = Array.from({ length: BATCH }, () => ({
  signature,
  message,
  publicKey: keyPair.publicKey,
}));
const inFlight = (op) => () => Promise.all(Array.from({ length: BATCH }, op));

/**
 * Items per second of each variant, measured in alternating slices of 50 ms over the same
 * stretch of time, so that load from other work on a shared machine falls on all of them alike
 * and the ratios stay meaningful. `variants`: { run, items } (items handled per call).
 */
async function interleaved(variants, { seconds, warmup }) {
  const now = () => performance.now();
  for (const { run } of variants) for (const end = now() + warmup * 1000; now() < end;) await run();
  const items = variants.map(() => 0);
  const spent = variants.map(() => 0);
  for (const stop = now() + seconds * 1000 * variants.length; now() < stop;) {
    for (const [i, { run, items: perCall }] of variants.entries()) {
      const start = now();
      const end = start + 50;
      let calls = 0;
      while (now() < end) {
        await run();
        calls++;
      }
      items[i] += calls * perCall;
      spent[i] += now() - start;
    }
  }
  return items.map((n, i) => (n * 1000) / spent[i]);
}

// Each operation: its raw baseline and the SDK's modes, measured interleaved.
const operations = [
  {
    name: 'generateKeyPair',
    raw: () => generateKeyPairSync('ed25519'),
    sdk: () => generateKeyPair({ validate: false }),
  },
  {
    name: 'sign',
    raw: () => nodeSign(null, message, privateKeyObject),
    sdk: () => sign(message, keyPair.privateKey),
  },
  {
    name: 'verify',
    raw: () => nodeVerify(null, message, publicKeyObject, signature),
    sdk: () => verify(signature, message, keyPair.publicKey),
    batch: () => verifyBatch(batchItems),
  },
];

console.log(
  `Ed25519 backend: ${await getEd25519Backend()}${args['without-sodium'] ? ' (OpenSSL: --without-sodium)' : ''}; ` +
    `Node ${process.version}; ${BATCH} in flight for concurrent rows; ${ROUNDS} rounds of ${timing.seconds} s per variant, interleaved`,
);

const ratios = new Map(); // row label -> ratio per round
for (let round = 1; round <= ROUNDS; round++) {
  const rows = [];
  for (const op of operations) {
    const variants = [
      ['raw', { run: op.raw, items: 1 }],
      ['one at a time', { run: op.sdk, items: 1 }],
      [`${BATCH} in flight`, { run: inFlight(op.sdk), items: BATCH }],
    ];
    if (op.batch) variants.push([`verifyBatch of ${BATCH}`, { run: op.batch, items: BATCH }]);
    const [raw, ...ours] = await interleaved(
      variants.map(([, variant]) => variant),
      timing,
    );
    const modes = variants.slice(1).map(([mode], i) => [mode, ours[i]]);
    for (const [mode, ours] of modes) {
      const ratio = ours / raw;
      const label = `${op.name}, ${mode}`;
      ratios.set(label, [...(ratios.get(label) ?? []), ratio]);
      rows.push({
        operation: op.name,
        mode,
        'SDK ops/s': fmt(ours),
        'node:crypto ops/s': fmt(raw),
        ratio: fmt(ratio, 2),
        target: TARGET,
        result: ratio >= TARGET ? 'ok' : 'BELOW TARGET',
      });
    }
  }
  printTable(`Round ${round}: SDK vs raw node:crypto (same run)`, rows);
}

const summary = [...ratios].map(([label, values]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    'operation, mode': label,
    'ratio min': fmt(sorted[0], 2),
    'ratio median': fmt(
      (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.ceil((sorted.length - 1) / 2)]) /
        2,
      2,
    ),
    'ratio max': fmt(sorted.at(-1), 2),
    target: TARGET,
    result:
      sorted[0] >= TARGET ? 'ok' : sorted.at(-1) >= TARGET ? 'ok in some rounds' : 'BELOW TARGET',
  };
});
printTable(`Range over ${ROUNDS} rounds`, summary);
