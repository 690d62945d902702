#!/usr/bin/env node
// Signing a request (spec/http-message-signatures-v1.md) beside a bare sign() of the same
// signature base, measured in the same run: what the RFC 9421 layer (body read once, digest,
// fields, signature base, a new Request) adds on top of the Ed25519 signature itself.
// Target (issue 17): signRequest <= 1.5x the time of a bare sign() of the same signature base.
// The "Fetch floor" rows time what signRequest must do for a request with a body whatever its
// signing costs (read the body, build the Request that carries it), against the same sign().
// Each pair is measured in alternating short rounds and the median round is reported, in wall
// time and in CPU time (all threads, WebCrypto's pool included), so a busy machine skews both
// sides alike; CPU time is the figure the target is read against when the two disagree.
// signatureHeaders (the same signing on plain parts, no Fetch objects) is measured too, so the
// cost of the RFC 9421 layer and the cost of the runtime's Request (reading the body, building
// the new Request) show apart. createSignedFetch is measured with a body given in `init`, as
// most callers give it, up to the point where it hands the request to fetch (a fetch that
// answers at once): what signing adds to a fetch, whose own Request a plain fetch builds too.
// Run: npm run build && node bench/sdk-request-signing.mjs  (--api NAME measures one API only)
import {
  createSignedFetch,
  getEd25519Backend,
  sign,
  signatureHeaders,
  signRequest,
} from '@datafold/js-sdk';
import { generateKeyPair } from '@datafold/js-sdk';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { argValue } from './args.mjs';
import { fmt, printTable } from './measure.mjs';
import { baseOf, partsOf, REQUESTS } from './request-signing-inputs.mjs';

// The Fetch API's Request and Response, globals in Node 20 like fetch.
const { Blob, Request, Response } = globalThis;
const ROUNDS = 9;
const ROUND_SECONDS = 0.4;
const IN_FLIGHT = 64;
const TARGET = 1.5;

const keyPair = await generateKeyPair();
const options = { clientId: 'bench-client', privateKey: keyPair.privateKey };
/**
 * Ops per second of `op` for about `seconds` of its own time, in wall time and in process CPU
 * time. `prepare` (building the input requests, which the caller does to send them anyway) runs
 * outside the measured time.
 */
async function rate(op, seconds, inFlight, prepare = () => undefined) {
  let wall = 0;
  let cpu = 0;
  let count = 0;
  while (wall < seconds) {
    const inputs = Array.from({ length: inFlight }, prepare);
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await Promise.all(inputs.map(op));
    wall += (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpuStart);
    cpu += (used.user + used.system) / 1e6;
    count += inFlight;
  }
  return { wall: count / wall, cpu: count / cpu };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const answered = Promise.resolve(new Response(null, { status: 204 }));
/** signedFetch(url, init) with the request's parts as init, the body as the caller's bytes. */
function fetchSigner(parts) {
  const signedFetch = createSignedFetch({ ...options, fetch: () => answered });
  const init = { method: parts.method, headers: parts.headers, body: parts.body };
  return () => signedFetch(parts.targetUri, init);
}

/**
 * What signRequest cannot leave out for a request with a body, with no signing at all: read the
 * body (through its reader, as signRequest does) and build the new Request that carries it. Its
 * ratio to a bare sign() is the runtime's share of signRequest's ratio: signRequest can be no
 * faster than 1 + this.
 */
const FETCH_FLOOR = 'Fetch floor (no signing)';
async function rebuildWithBody(request) {
  const reader = request.body.getReader();
  const chunks = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks.push(read.value);
  }
  reader.releaseLock();
  return new Request(request, { body: chunks.length === 1 ? chunks[0] : new Blob(chunks) });
}

/** Alternating rounds of a bare sign() and `api`; the median of each and of the ratios. */
async function compare(makeRequest, inFlight, api) {
  const base = await baseOf(makeRequest, options);
  const parts = await partsOf(makeRequest);
  const bare = () => sign(base, keyPair.privateKey);
  const full =
    api === 'signRequest'
      ? (request) => signRequest(request, options)
      : api === FETCH_FLOOR
        ? rebuildWithBody
        : api === 'createSignedFetch'
          ? fetchSigner(parts)
          : () => signatureHeaders(parts, options);
  const prepare = api === 'signRequest' || api === FETCH_FLOOR ? makeRequest : undefined;
  await rate(bare, 0.3, inFlight);
  await rate(full, 0.3, inFlight, prepare);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const a = await rate(bare, ROUND_SECONDS, inFlight);
    const b = await rate(full, ROUND_SECONDS, inFlight, prepare);
    rounds.push({ a, b, wallRatio: a.wall / b.wall, cpuRatio: a.cpu / b.cpu });
  }
  return {
    bare: median(rounds.map((r) => r.a.wall)),
    full: median(rounds.map((r) => r.b.wall)),
    wallRatio: median(rounds.map((r) => r.wallRatio)),
    cpuRatio: median(rounds.map((r) => r.cpuRatio)),
    cpuRange: [
      Math.min(...rounds.map((r) => r.cpuRatio)),
      Math.max(...rounds.map((r) => r.cpuRatio)),
    ],
  };
}

const APIS = ['signRequest', FETCH_FLOOR, 'createSignedFetch', 'signatureHeaders'];

/** The rows of one API, measured in this process. */
async function measureApi(api) {
  const rows = [];
  for (const [name, makeRequest] of Object.entries(REQUESTS)) {
    // Without a body, createSignedFetch is signRequest's path, and signRequest builds nothing.
    if ((api === 'createSignedFetch' || api === FETCH_FLOOR) && name.startsWith('GET')) continue;
    for (const inFlight of [1, IN_FLIGHT]) {
      const r = await compare(makeRequest, inFlight, api);
      rows.push({
        api,
        request: name,
        mode: inFlight === 1 ? 'one at a time' : `${inFlight} in flight`,
        'sign() ops/s': fmt(r.bare),
        'api ops/s': fmt(r.full),
        'ratio (wall)': fmt(r.wallRatio, 2),
        'ratio (CPU)': fmt(r.cpuRatio, 2),
        'CPU rounds': `${fmt(r.cpuRange[0], 2)}-${fmt(r.cpuRange[1], 2)}`,
        target: api === FETCH_FLOOR ? '—' : `<= ${TARGET}`,
        result: api === FETCH_FLOOR ? 'the runtime' : r.cpuRatio <= TARGET ? 'ok' : 'ABOVE TARGET',
      });
    }
  }
  return rows;
}

const only = argValue('--api');
if (only !== undefined) {
  // A child of the run below: one API's rows as JSON on stdout.
  process.stdout.write(JSON.stringify(await measureApi(only)));
} else {
  console.log(
    `Ed25519 backend: ${await getEd25519Backend()}; Node ${process.version}; ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s; ratio = time of the API (signRequest, createSignedFetch or signatureHeaders) / time of a bare sign() of its signature base, median of the rounds (CPU rounds: lowest and highest); each API in a process of its own`,
  );
  // Each API in a fresh process: run in one, the Request paths leave the shared signing code
  // compiled for Headers objects, and the next API measured pays for that (an application uses
  // one of them, and its process compiles for that one).
  const rows = [];
  for (const api of APIS) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--api', api], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (child.status !== 0) process.exit(child.status ?? 1);
    rows.push(...JSON.parse(child.stdout));
  }
  printTable('Signing a request vs a bare sign() of the same signature base (same run)', rows);
}
