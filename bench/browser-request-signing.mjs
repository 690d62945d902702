#!/usr/bin/env node
// Signing a request in Debian's Chromium (spec/http-message-signatures-v1.md) beside a bare
// sign() of the same signature base, in the same page and run: the browser face of
// sdk-request-signing.mjs. In a browser the SDK signs through WebCrypto's Ed25519 and the Fetch
// objects are the browser's own, so the RFC 9421 layer's share differs from Node's.
// Target (issue 17): signing a request <= 1.5x a bare sign() of the same signature base.
// Alternating rounds, one signature at a time, median of the per-round ratios (wall time: a page
// has no CPU clock of its own).
// Run: npm run build && node bench/browser-request-signing.mjs
import { openBenchPage } from './browser-page.mjs';
import { fmt, printTable } from './measure.mjs';
import { numberArg } from './args.mjs';

const ROUNDS = numberArg('--rounds', 9);
const ROUND_MS = numberArg('--round-ms', 400);
const TARGET = 1.5;

const script = `
import {
  createSignedFetch, generateKeyPair, getEd25519Backend, sign, signatureHeaders, signRequest,
} from '@datafold/js-sdk';
import { baseOf, partsOf, REQUESTS } from './request-signing-inputs.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Operations per second of op, one at a time, for about ms milliseconds. */
async function rate(op, ms, prepare) {
  let count = 0;
  let spent = 0;
  while (spent < ms) {
    const input = prepare?.();
    const start = performance.now();
    await op(input);
    spent += performance.now() - start;
    count++;
  }
  return (count * 1000) / spent;
}
// A fetch that answers at once, with one Response made beforehand: what is timed is the signing.
const answer = Promise.resolve(new Response(null, { status: 204 }));
const answered = () => answer;

globalThis.bench = async (rounds, roundMs) => {
  const keyPair = await generateKeyPair();
  const options = { clientId: 'bench-client', privateKey: keyPair.privateKey };
  const rows = [];
  for (const [name, makeRequest] of Object.entries(REQUESTS)) {
    const base = await baseOf(makeRequest, options);
    const parts = await partsOf(makeRequest);
    const signedFetch = createSignedFetch({ ...options, fetch: answered });
    const init = { method: parts.method, headers: parts.headers, body: parts.body };
    const apis = {
      signatureHeaders: [() => signatureHeaders(parts, options)],
      signRequest: [(request) => signRequest(request, options), makeRequest],
      ...(parts.body ? { createSignedFetch: [() => signedFetch(parts.targetUri, init)] } : {}),
    };
    const bare = () => sign(base, keyPair.privateKey);
    for (const [api, [op, prepare]] of Object.entries(apis)) {
      await rate(bare, 200);
      await rate(op, 200, prepare);
      const ratios = [];
      const bareRates = [];
      for (let i = 0; i < rounds; i++) {
        const a = await rate(bare, roundMs);
        const b = await rate(op, roundMs, prepare);
        bareRates.push(a);
        ratios.push(a / b);
      }
      rows.push({ api, request: name, bare: median(bareRates), ratio: median(ratios),
        low: Math.min(...ratios), high: Math.max(...ratios) });
    }
  }
  return { backend: await getEd25519Backend(), userAgent: navigator.userAgent, rows };
};
globalThis.benchReady = true;
`;

const { page, close } = await openBenchPage(script);
try {
  const result = await page.evaluate(([r, ms]) => globalThis.bench(r, ms), [ROUNDS, ROUND_MS]);
  console.log(
    `Ed25519 backend: ${result.backend}; ${result.userAgent}; ${ROUNDS} alternating rounds of ${ROUND_MS} ms, one at a time; ratio = time of the API / time of a bare sign() of its signature base, median of the rounds`,
  );
  printTable(
    'Signing a request in Chromium vs a bare sign() of the same signature base (same page, same run)',
    result.rows.map((row) => ({
      api: row.api,
      request: row.request,
      'sign() ops/s': fmt(row.bare),
      ratio: fmt(row.ratio, 2),
      rounds: `${fmt(row.low, 2)}-${fmt(row.high, 2)}`,
      target: `<= ${TARGET}`,
      result: row.ratio <= TARGET ? 'ok' : 'ABOVE TARGET',
    })),
  );
} finally {
  await close();
}
