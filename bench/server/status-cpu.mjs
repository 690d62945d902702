#!/usr/bin/env node
// bench/server: server CPU time per request of GET /api/crypto/keys/status/{client_id}, beside
// the bare Fastify JSON route (H) in the same run. CPU per request barely moves when other work
// shares the machine, unlike req/s; the ratio status / bare says how close status is to the cost
// of answering any JSON request at all.
//
// Usage: node bench/server/status-cpu.mjs [--requests 40000] [--keys 1000]
import { join } from 'node:path';
import {
  BARE_BODIES,
  fill,
  fmt,
  load,
  loadPaths,
  startBare,
  startServer,
  stop,
  threadCpuMicros,
  work,
} from './harness.mjs';
import { numberArg } from '../args.mjs';

const REQUESTS = numberArg('--requests', 40_000);
const KEYS = numberArg('--keys', 1000);

/** Warms up, then sends REQUESTS requests; server CPU µs per request and the load's figures. */
async function measure(child, run) {
  await run(Math.min(10_000, REQUESTS));
  const before = threadCpuMicros(child.pid);
  const t0 = process.hrtime.bigint();
  const result = await run(REQUESTS);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const after = threadCpuMicros(child.pid);
  const server = (after.main + after.other - before.main - before.other) / result.total;
  return { server, result, seconds };
}

const line = (name, r) =>
  console.log(
    `${name}: server ${r.server.toFixed(1)} µs CPU/request, ${fmt(r.result.total / r.seconds)} req/s wall, ` +
      `p99 ${r.result.p99} ms, non-2xx ${r.result.non2xx}, load generator ${r.result.cpuMicrosPerRequest.toFixed(1)} µs/request`,
  );

console.log(
  `status CPU per request, ${fmt(REQUESTS)} requests at 50 connections, ${fmt(KEYS)} registrations, Node ${process.version}`,
);
const bare = await startBare();
const h = await measure(bare.child, (amount) => load(bare.url, BARE_BODIES, { amount }));
await stop(bare.child);
line('h  bare Fastify route', h);

const dataDir = join(work, 'data-status');
await fill(dataDir, KEYS);
const server = await startServer(dataDir);
const paths = Array.from({ length: KEYS }, (_, i) => `/api/crypto/keys/status/filler-${i}`);
const s = await measure(server.child, (amount) => loadPaths(server.url, paths, { amount }));
await stop(server.child);
line('s  datafold status', s);
console.log(`status / bare server CPU per request: ${(s.server / h.server).toFixed(2)}`);
process.exit(0);
