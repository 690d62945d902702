#!/usr/bin/env node
// Browser key storage benchmark, in Debian's Chromium: IndexedDB store (storeKeyPair) and
// retrieve (retrieveKeyPair) beside the same PBKDF2-HMAC-SHA-256 derivation alone through
// WebCrypto, interleaved in one run so all see the same load. The difference is the store's own
// cost (AES-GCM, the Ed25519 pair check, IndexedDB transactions with strict durability). Run at
// the default cost (600,000 iterations) and at the floor (100,000), where the store's own cost
// is less drowned in KDF variation. Build first: `npm run build && node bench/browser-storage.mjs`.
import { openBenchPage, SDK_DIST as dist } from './browser-page.mjs';
import { fmt, printTable } from './measure.mjs';

const RUNS = Number(process.env.STORAGE_BENCH_RUNS ?? 9);

const entry = `
import { createStorage } from '${dist}storage/create-storage.js';
import { generateKeyPair } from '${dist}keys/generate-key-pair.js';

const passphrase = 'correct horse battery staple';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(op) { const t = performance.now(); await op(); return performance.now() - t; }
async function pbkdf2(iterations) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  return crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: crypto.getRandomValues(new Uint8Array(32)), iterations }, key, 256);
}
globalThis.bench = async (iterations, runs) => {
  const storage = await createStorage({ dbName: 'bench-' + iterations, pbkdf2Iterations: iterations });
  await storage.clearAllKeys();
  const pair = await generateKeyPair();
  await storage.storeKeyPair('warm', pair, passphrase);
  await storage.retrieveKeyPair('warm', passphrase);
  await pbkdf2(iterations);
  const kdf = [], store = [], retrieve = [];
  for (let i = 0; i < runs; i++) {
    kdf.push(await time(() => pbkdf2(iterations)));
    store.push(await time(() => storage.storeKeyPair('k' + i, pair, passphrase, { name: 'bench', tags: ['x'] })));
    retrieve.push(await time(() => storage.retrieveKeyPair('k' + i, passphrase)));
  }
  await storage.clearAllKeys();
  return { kdf: median(kdf), store: median(store), retrieve: median(retrieve) };
};
globalThis.benchReady = true;
`;

const { page, close } = await openBenchPage(entry);
try {
  const rows = [];
  for (const iterations of [600_000, 100_000]) {
    const r = await page.evaluate(([i, n]) => globalThis.bench(i, n), [iterations, RUNS]);
    for (const [label, ms] of [
      ['PBKDF2 alone', r.kdf],
      ['store (IndexedDB)', r.store],
      ['retrieve (IndexedDB)', r.retrieve],
    ]) {
      rows.push({
        iterations: fmt(iterations),
        operation: label,
        'median ms': fmt(ms, 1),
        'x KDF': fmt(ms / r.kdf, 2),
        'own cost ms': label === 'PBKDF2 alone' ? '' : fmt(ms - r.kdf, 1),
      });
    }
  }
  printTable(`IndexedDB key storage in Chromium (${RUNS} interleaved runs, medians)`, rows);
} finally {
  await close();
}
