#!/usr/bin/env node
// The Fastify plugin's cost (@datafold/js-sdk/fastify): a JSON route behind it, keys cached, at 50
// connections, beside the same route without it (H) and raw sodium-native Ed25519 verify on one
// thread (V), all measured in this run. Every request carries its own signature (a fresh nonce: the
// replay store is the plugin's default memory store, doing its real work), signed beforehand.
// The key comes from createDataFoldKeyResolver with a 60-second TTL: one lookup, then cache hits.
//
// Target (issue 17): plugin route >= 0.7 x B, B = 1/(1/H + 1/V).
//
// Usage: npm run build && node bench/middleware-verify.mjs [--requests 40000] [--profile DIR]
//   --profile DIR  runs the apps under `node --cpu-prof`: profiles in DIR/plugin and DIR/bare
// (the same file runs the app, `--serve plugin|bare`, and the load generator, `--load '{...}'`,
// in their own processes, so none shares another's event loop)
/* global Response */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bytesToHex, generateKeyPair, signatureHeaders } from '@datafold/js-sdk';
import {
  fmt,
  measureNativeVerify,
  spawnChild,
  stop,
  threadCpuMicros,
  work,
} from './server/harness.mjs';
import { argValue, numberArg } from './args.mjs';

const SELF = fileURLToPath(import.meta.url);
const PUBLIC_URL = 'http://bench.datafold.test';
const CLIENT_ID = 'bench-client';

/** The app: POST /orders answering the verify request's shape, with or without the plugin. */
async function serve(mode, publicKeyHex) {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  await app.register(async (api) => {
    if (mode === 'plugin') {
      const { signedRequestsPlugin } = await import('@datafold/js-sdk/fastify');
      // The real resolver and its cache; its fetch answers as the DataFold status route would.
      const status = JSON.stringify({
        success: true,
        data: {
          registration_id: '00000000-0000-4000-8000-000000000001',
          client_id: CLIENT_ID,
          public_key: publicKeyHex,
          key_name: null,
          registered_at: new Date().toISOString(),
          status: 'active',
          last_used: null,
        },
      });
      const fetch = async () =>
        new Response(status, { headers: { 'content-type': 'application/json' } });
      await api.register(signedRequestsPlugin, {
        serverUrl: 'http://keys.datafold.test',
        fetch,
        ttlSeconds: 60,
        publicUrl: PUBLIC_URL,
      });
    }
    api.post('/orders', async (request) => ({
      success: true,
      data: { ok: typeof request.body === 'object', client_id: request.datafold?.clientId ?? null },
    }));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // The Ed25519 backend the plugin's verify uses ('node' once the entry is imported).
  const { getEd25519Backend } = await import('@datafold/js-sdk');
  process.stdout.write(`${app.server.address().port} ${await getEd25519Backend()}\n`);
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
}

/** One autocannon load of exactly the prepared requests, each sent once. */
async function generateLoad({ url, requestsFile, connections }) {
  const { default: autocannon } = await import('autocannon');
  const prepared = readFileSync(requestsFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    amount: prepared.length,
    requests: [
      {
        method: 'POST',
        setupRequest(request) {
          const { headers, body } = prepared[next % prepared.length];
          next += 1;
          return { ...request, headers, body };
        },
      },
    ],
  });
  process.stdout.write(
    `${JSON.stringify({
      total: result.requests.total,
      seconds: result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      statusCodes: result.statusCodeStats,
    })}\n`,
  );
}

/** `count` requests to POST /orders, each signed with its own nonce. */
async function signRequests(keyPair, count) {
  const lines = [];
  const body = JSON.stringify({
    client_id: CLIENT_ID,
    message: 'benchmark message of a typical size, about sixty bytes',
    signature: 'ab'.repeat(64),
  });
  const bytes = new TextEncoder().encode(body);
  for (let i = 0; i < count; i += 1000) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(1000, count - i) }, () =>
        signatureHeaders(
          {
            method: 'POST',
            targetUri: `${PUBLIC_URL}/orders`,
            headers: { 'content-type': 'application/json' },
            body: bytes,
          },
          { clientId: CLIENT_ID, privateKey: keyPair.privateKey, expiresIn: 300 },
        ),
      ),
    );
    for (const headers of batch) {
      lines.push(
        JSON.stringify({ headers: { 'content-type': 'application/json', ...headers }, body }),
      );
    }
  }
  return lines;
}

async function startApp(mode, publicKeyHex) {
  const profile = argValue('--profile');
  const flags =
    profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(profile, mode)}`];
  const child = spawnChild([SELF, '--serve', mode, publicKeyHex], {}, flags);
  const [port, backend] = await new Promise((resolve) =>
    child.stdout.once('data', (d) => resolve(String(d).trim().split(' '))),
  );
  return { child, backend, url: `http://127.0.0.1:${Number(port)}/orders` };
}

function runLoad(url, lines, name) {
  const requestsFile = join(work, `${name}.ndjson`);
  writeFileSync(requestsFile, lines.join('\n'));
  const child = spawnChild([
    SELF,
    '--load',
    JSON.stringify({ url, requestsFile, connections: 50 }),
  ]);
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load exited ${code}`)),
    ),
  );
}

/** Req/s of a running app over `lines` after a warm-up, with the app's CPU µs per request. */
async function measure(app, name, warm, lines) {
  await runLoad(app.url, warm, `${name}-warm`);
  const cpu0 = threadCpuMicros(app.child.pid);
  const result = await runLoad(app.url, lines, name);
  const cpu1 = threadCpuMicros(app.child.pid);
  return {
    ...result,
    requestsPerSecond: result.total / result.seconds,
    mainCpuMicros: (cpu1.main - cpu0.main) / result.total,
    otherCpuMicros: (cpu1.other - cpu0.other) / result.total,
  };
}

async function main() {
  const requests = numberArg('--requests', 40_000);
  const keyPair = await generateKeyPair();
  const publicKeyHex = bytesToHex(keyPair.publicKey);
  // The apps start first: the plugin's memory replay store refuses signatures made before it was
  // born (spec §3.1), so the requests are signed after it, and sent within their 300 s.
  const plugin = await startApp('plugin', publicKeyHex);
  const bare = await startApp('bare', publicKeyHex);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const t0 = performance.now();
  const warm = await signRequests(keyPair, 5_000);
  const lines = await signRequests(keyPair, requests);
  console.log(
    `middleware-verify bench: 50 connections, ${fmt(requests)} signed requests (signed in ${((performance.now() - t0) / 1000).toFixed(1)} s), loopback, Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );

  const v1 = measureNativeVerify();
  const V = v1.opsPerSecond;
  const h1 = await measure(bare, 'bare', warm, lines);
  const p = await measure(plugin, 'plugin', warm, lines);
  // H again after the plugin run: the ceiling from the higher H is the one compared against.
  const h2 = await measure(bare, 'bare-again', warm, lines);
  const v2 = measureNativeVerify();
  const V2 = v2.opsPerSecond;
  await Promise.all([stop(plugin.child), stop(bare.child)]);
  const H = Math.max(h1.requestsPerSecond, h2.requestsPerSecond);
  const Vmax = Math.max(V, V2);
  const B = 1 / (1 / H + 1 / Vmax);
  const ratio = p.requestsPerSecond / B;
  // The same model in CPU time, which a machine busy with other work skews less than req/s: the
  // route's CPU per request plus one raw verify, over the plugin route's CPU per request (all of
  // each app's threads).
  const cpuOf = (r) => r.mainCpuMicros + r.otherCpuMicros;
  const hCpu = Math.min(cpuOf(h1), cpuOf(h2));
  const vCpu = Math.min(v1.cpuMicros, v2.cpuMicros);
  const cpuRatio = (hCpu + vCpu) / cpuOf(p);

  const row = (name, r) =>
    `${name}: ${fmt(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}, app CPU/request ${r.mainCpuMicros.toFixed(0)} µs event loop + ${r.otherCpuMicros.toFixed(0)} µs other threads`;
  console.log(
    `V  raw sodium-native verify, one thread: ${fmt(V)} ops/s before, ${fmt(V2)} after (${v1.cpuMicros.toFixed(0)} and ${v2.cpuMicros.toFixed(0)} µs CPU each)`,
  );
  console.log(row('H  the route without the plugin', h1));
  console.log(row('   (H again after the plugin run)', h2));
  console.log(
    row(`P  the route behind the plugin, keys cached (Ed25519 backend: ${plugin.backend})`, p),
  );
  if (p.non2xx > 0) console.log(`   statuses of P: ${JSON.stringify(p.statusCodes)}`);
  console.log(`B = 1/(1/H + 1/V) = ${fmt(B)} req/s (the higher H and V of the run)`);
  console.log(
    `   in CPU time: (H ${hCpu.toFixed(0)} + V ${vCpu.toFixed(0)} µs) / P ${cpuOf(p).toFixed(0)} µs per request = ${cpuRatio.toFixed(2)}`,
  );
  const accepted = p.non2xx === 0 && p.errors === 0;
  console.log(
    `${ratio >= 0.7 && accepted ? 'PASS' : 'MISS'}  plugin route = ${ratio.toFixed(2)} x B in req/s, ${cpuRatio.toFixed(2)} in CPU time (target >= 0.70; every request accepted: ${accepted ? 'yes' : 'no'})`,
  );
  process.exit(0);
}

if (process.argv[2] === '--serve') await serve(process.argv[3], process.argv[4]);
else if (process.argv[2] === '--load') await generateLoad(JSON.parse(process.argv[3]));
else await main();
