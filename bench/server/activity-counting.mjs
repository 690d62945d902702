#!/usr/bin/env node
// bench/server: what counting one request for the Overview costs (ActivityRecorder.record, an
// increment in a map), against what a verify request must do anyway on this machine: one
// Ed25519 verification by sodium-native, measured in the same run. Prints the ratio; the flushes
// (one upsert per table every few seconds) are not per request and not measured here.
//
// Usage: node bench/server/activity-counting.mjs [--calls 2000000]
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import sodium from 'sodium-native';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { ActivityRecorder } = await import(
  join(root, 'packages/server/dist/activity/activity-recorder.js')
);
const argValue = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const CALLS = Number(argValue('--calls') ?? 2_000_000);

const sink = { add: () => Promise.resolve(), prune: () => Promise.resolve() };
const recorder = new ActivityRecorder(sink);
const clients = Array.from({ length: 100 }, (_, i) => `client-${i}`);

function countCalls(n) {
  const start = performance.now();
  for (let i = 0; i < n; i += 1) {
    // Nine in ten verified, one in ten failed with a client id (the slower path).
    if (i % 10 === 0) recorder.record('verification', 'failed', clients[i % 100]);
    else recorder.record('verification', 'ok', clients[i % 100]);
  }
  return ((performance.now() - start) * 1000) / n;
}

function verifyCalls(n) {
  const pk = Buffer.alloc(32);
  const sk = Buffer.alloc(64);
  sodium.crypto_sign_keypair(pk, sk);
  const message = Buffer.from('hello');
  const signature = Buffer.alloc(64);
  sodium.crypto_sign_detached(signature, message, sk);
  const start = performance.now();
  for (let i = 0; i < n; i += 1) sodium.crypto_sign_verify_detached(signature, message, pk);
  return ((performance.now() - start) * 1000) / n;
}

countCalls(CALLS / 10); // warm up
verifyCalls(2_000);
const record = countCalls(CALLS);
const verify = verifyCalls(20_000);
await recorder.flush();
console.log(`activity record: ${(record * 1000).toFixed(0)} ns per call (${CALLS} calls)`);
console.log(`sodium Ed25519 verify: ${(verify * 1000).toFixed(0)} ns per call`);
console.log(`ratio record / verify: ${(record / verify).toFixed(4)}`);
