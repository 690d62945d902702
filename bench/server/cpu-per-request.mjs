#!/usr/bin/env node
// bench/server: CPU time per request, which unlike req/s barely moves when other work shares the
// machine. Sends a fixed number of requests at 50 connections and reads each process's CPU time
// (user + system, all threads) before and after: datafold-server verify (and registration), the
// bare Fastify JSON route, raw sodium-native verify, and the load generator itself.
// (h + v) / d is the same quantity as req/s / (1/(1/H + 1/V)) when one thread does all the work;
// with the verify thread (the default) the event loop's share is what bounds the request rate.
//
// Usage: node bench/server/cpu-per-request.mjs [--requests 40000] [--profile DIR]
//   --profile DIR  runs the servers under `node --cpu-prof`: profiles in DIR/bare, DIR/verify, DIR/register
import { join } from 'node:path';
import {
  BARE_BODIES,
  threadCpuMicros,
  fill,
  fmt,
  registrationBody,
  load,
  measureNativeVerify,
  sampleClients,
  startBare,
  startServer,
  stop,
  work,
} from './harness.mjs';
import { argValue, numberArg } from '../args.mjs';

const REQUESTS = numberArg('--requests', 40_000);
const PROFILE = argValue('--profile');

/** Warms up, then sends REQUESTS requests; CPU µs per request of the server and the generator. */
async function cpuPerRequest(child, url, bodies, warmBodies = bodies) {
  await load(url, warmBodies, { amount: Math.min(10_000, REQUESTS) });
  const before = threadCpuMicros(child.pid);
  const t0 = process.hrtime.bigint();
  const result = await load(url, bodies, { amount: REQUESTS });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const after = threadCpuMicros(child.pid);
  const main = (after.main - before.main) / result.total;
  const other = (after.other - before.other) / result.total;
  return {
    server: main + other,
    main,
    other,
    generator: result.cpuMicrosPerRequest,
    result,
    seconds,
  };
}

const line = (name, r) =>
  console.log(
    `${name}: server ${r.server.toFixed(1)} µs CPU/request (event loop ${r.main.toFixed(1)}, other threads ${r.other.toFixed(1)}), load generator ${r.generator.toFixed(1)} µs/request, ` +
      `${fmt(r.result.total / r.seconds)} req/s wall, p99 ${r.result.p99} ms, non-2xx ${r.result.non2xx}`,
  );

console.log(
  `CPU per request, ${fmt(REQUESTS)} requests at 50 connections, Node ${process.version}`,
);
const v = measureNativeVerify();
console.log(
  `v  sodium-native verify: ${v.cpuMicros.toFixed(1)} µs CPU/op (${fmt(v.opsPerSecond)} ops/s)`,
);

const flags = (name) => (PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE, name)}`] : []);
const bare = await startBare(flags('bare'));
const h = await cpuPerRequest(bare.child, bare.url, BARE_BODIES);
await stop(bare.child);
line('h  bare Fastify route', h);

const dataDir = join(work, 'data-cpu');
await fill(dataDir, 800);
const server = await startServer(dataDir, {}, flags('verify'));
const bodies = await sampleClients(server.url, 'cpu');
const d = await cpuPerRequest(server.child, `${server.url}/api/crypto/signatures/verify`, bodies);
await stop(server.child);
line('d  datafold verify', d);

const registrations = (prefix, count) =>
  Array.from({ length: count }, (_, i) => JSON.stringify(registrationBody(`${prefix}-${i}`)));
const regServer = await startServer(join(work, 'data-reg'), {}, flags('register'));
const r = await cpuPerRequest(
  regServer.child,
  `${regServer.url}/api/crypto/keys/register`,
  registrations('reg', REQUESTS),
  registrations('warm', Math.min(10_000, REQUESTS)),
);
await stop(regServer.child);
line('r  datafold register', r);

const ratio = (h.server + v.cpuMicros) / d.server;
console.log(
  `all server CPU per verify vs one thread doing HTTP then crypto: (h + v) / d = (${h.server.toFixed(1)} + ${v.cpuMicros.toFixed(1)}) / ${d.server.toFixed(1)} = ${ratio.toFixed(2)}`,
);
console.log(
  `event loop per verify: ${d.main.toFixed(1)} µs, so one event loop can answer up to ${fmt(1e6 / d.main)} verifies/s given the cores for the other threads`,
);
console.log(
  `load generator per request: ${d.generator.toFixed(1)} µs against verify, ${h.generator.toFixed(1)} µs against the bare route`,
);
process.exit(0);
