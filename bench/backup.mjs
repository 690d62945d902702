#!/usr/bin/env node
// Backup benchmark: export (createBackup) and import (restoreBackup) with the default parameters
// (Argon2id m=64 MiB t=3 p=1, XChaCha20-Poly1305) beside the same Argon2id derivation alone,
// interleaved in one run so both see the same load. The format's own cost (key-pair check,
// AEAD, base64, JSON, integrity check) is the difference. Target (issue 3): at most 5 %. That
// difference is also measured directly (the same work with the KDF at its minimum cost), which
// is what the verdict uses: it is not drowned by the KDF's own run-to-run variation.
// Also the scrypt / chacha20-poly1305 compatibility path. Build first:
// `npm run build && node bench/backup.mjs`. Exits 1 when the overhead exceeds the target.
import { fmt, printTable } from './measure.mjs';

const dist = new URL('../packages/sdk/dist/', import.meta.url);
const load = (path) => import(new URL(path, dist).href);
const [
  { createBackup },
  { restoreBackup },
  { argon2id },
  { scrypt },
  { keyPairFromSeed },
  { sealBackup },
] = await Promise.all([
  load('backup/create-backup.js'),
  load('backup/restore-backup.js'),
  load('derivation/argon2id.js'),
  load('derivation/scrypt.js'),
  load('keys/key-pair-from-seed.js'),
  load('backup/seal-backup.js'),
]);
const { assertKeyPair } = await load('keys/assert-key-pair.js');
const { assertStrongPassphrase } = await load('sealing/passphrase-checks.js');

const RUNS = Number(process.env.BACKUP_BENCH_RUNS ?? 9);
const TARGET = 0.05;
const passphrase = 'correct horse battery staple';
const password = new TextEncoder().encode(passphrase);
const salt = crypto.getRandomValues(new Uint8Array(32));
const keyPair = await keyPairFromSeed(crypto.getRandomValues(new Uint8Array(32)));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(op) {
  const start = performance.now();
  await op();
  return (performance.now() - start) / 1000;
}

async function compare(label, kdfAlone, options) {
  const backup = await createBackup(keyPair, passphrase, options); // warm-up: WASM compile, JIT
  await restoreBackup(backup, passphrase);
  await kdfAlone();
  const kdf = [];
  const exported = [];
  const imported = [];
  for (let i = 0; i < RUNS; i++) {
    kdf.push(await time(kdfAlone));
    exported.push(await time(() => createBackup(keyPair, passphrase, options)));
    imported.push(await time(() => restoreBackup(backup, passphrase)));
  }
  const base = median(kdf);
  return [
    { label: `${label}: KDF alone`, seconds: base },
    {
      label: `${label}: export (createBackup)`,
      seconds: median(exported),
      overhead: median(exported) / base - 1,
    },
    {
      label: `${label}: import (restoreBackup)`,
      seconds: median(imported),
      overhead: median(imported) / base - 1,
    },
  ];
}

const rows = [
  ...(await compare(
    'argon2id m=64MiB t=3 p=1 + xchacha20-poly1305 (default)',
    () => argon2id(password, salt, { memory: 65536, iterations: 3, parallelism: 1, length: 32 }),
    { keyId: 'bench' },
  )),
  ...(await compare(
    'scrypt N=32768 r=8 p=1 + chacha20-poly1305 (existing clients)',
    () => scrypt(password, salt, { n: 32768, r: 8, p: 1, length: 32 }),
    { keyId: 'bench', kdf: 'scrypt', encryption: 'chacha20-poly1305' },
  )),
];

// The same format work with the KDF at its minimum (Argon2id m=8 KiB t=1): nearly all of this
// time is the format's own, so it bounds the overhead without the KDF's run-to-run noise.
const cheapParams = { memory: 8, iterations: 1, parallelism: 1 };
const cheapSeal = async () => {
  // createBackup's checks, then its sealing: everything but the default KDF.
  assertStrongPassphrase(passphrase);
  await assertKeyPair(keyPair);
  return sealBackup({
    seed: keyPair.privateKey,
    publicKey: keyPair.publicKey,
    passphrase,
    keyId: 'bench',
    kdf: 'argon2id',
    kdfParams: cheapParams,
    encryption: 'xchacha20-poly1305',
    purpose: 'read',
    created: new Date().toISOString(),
    includePublicKey: true,
  });
};
const cheapDoc = await cheapSeal();
const cheapText = JSON.stringify(cheapDoc);
const cheapRuns = { seal: [], restore: [] };
for (let i = 0; i < 200; i++) {
  cheapRuns.seal.push(await time(cheapSeal));
  cheapRuns.restore.push(await time(() => restoreBackup(cheapText, passphrase)));
}
const defaultKdf = rows[0].seconds;
for (const [name, list] of Object.entries(cheapRuns)) {
  rows.push({
    label: `format work alone (${name}, KDF at m=8 KiB t=1), vs default KDF`,
    seconds: median(list),
    overhead: median(list) / defaultKdf,
  });
}

printTable(
  `Backup v1 vs the KDF alone (median of ${RUNS} interleaved runs; target: overhead <= ${TARGET * 100} %)`,
  rows.map((r) => ({
    operation: r.label,
    ms: fmt(r.seconds * 1000, 1),
    'overhead vs KDF': r.overhead === undefined ? '(baseline)' : `${fmt(r.overhead * 100, 2)} %`,
  })),
);
// The verdict uses the format work measured alone: on a shared 2-core machine the end-to-end
// medians above move by several per cent from run to run either way, which is KDF noise, not
// format cost.
const worst = Math.max(
  ...rows.filter((r) => r.label.startsWith('format work')).map((r) => r.overhead),
);
console.log(
  `\nformat overhead (worst of seal, restore): ${fmt(worst * 100, 2)} % of the default KDF -> ${worst <= TARGET ? 'PASS' : 'FAIL'}`,
);
if (worst > TARGET) process.exitCode = 1;
