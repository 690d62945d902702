// Runs one bounded autocannon load in its own process (so the load generator never shares the
// server's event loop) and prints the result as JSON. Loopback only.
// Usage: node load.mjs '{"url": "http://127.0.0.1:PORT/path", "bodiesFile": "...", "duration": 8}'
// Options beyond url/bodiesFile/duration/amount/connections:
//   method            "POST" (default) or "GET"
//   pathsFile         one request path a line, taken in turn (e.g. a status route per client)
//   signatureHeaders  add Signature-Input/Signature headers with a fresh `created` and a nonce of
//                     its own on every request (what the original DataFold server's middleware asks)
//   eachBodyOnce      stop when every body has been sent once (registrations must not repeat)
//   pipelining        requests in flight per connection (default 1, as wrk)
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);
const url = new URL(options.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  throw new Error('the benchmark sends traffic to loopback addresses only');
}
const lines = (file) => (file ? readFileSync(file, 'utf8').trim().split('\n') : undefined);
const bodies = lines(options.bodiesFile);
const paths = lines(options.pathsFile);
const method = options.method ?? 'POST';

// A nonce unique across processes and runs: a random prefix of this process, then a counter.
const noncePrefix = randomBytes(6).toString('hex');
const signatureHeaders = (i) => ({
  'signature-input': `sig1=("@method" "@target-uri" "content-type");created=${Math.floor(Date.now() / 1000)};keyid="bench";alg="ed25519";nonce="${noncePrefix}${i.toString(36)}"`,
  signature: 'sig1=:AAAA:',
});

let next = 0;
let tracker;
const cpu0 = process.cpuUsage();
// This process's main thread's run-queue wait (ns), to tell a starved generator from an idle one.
const runQueueWait = () => Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]);
const wait0 = runQueueWait();
const cpuMicros = (u) => u.user + u.system;
tracker = autocannon({
  url: options.url,
  connections: options.connections ?? 50,
  pipelining: options.pipelining ?? 1,
  // With `amount`, exactly that many requests; otherwise for `duration` seconds.
  ...(options.amount
    ? { amount: options.amount }
    : { duration: Math.min(options.duration ?? 8, 60) }),
  requests: [
    {
      method,
      headers: { 'content-type': 'application/json' },
      setupRequest(request) {
        const i = next;
        next += 1;
        if (options.eachBodyOnce && bodies && i === bodies.length - 1) tracker.stop();
        const built = { ...request };
        if (bodies && method !== 'GET') built.body = bodies[i % bodies.length];
        if (paths) built.path = paths[i % paths.length];
        if (options.signatureHeaders)
          built.headers = { ...request.headers, ...signatureHeaders(i) };
        return built;
      },
    },
  ],
});
const result = await tracker;
const seconds = result.duration;
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: options.eachBodyOnce
      ? result.requests.total / seconds
      : result.requests.average,
    total: result.requests.total,
    seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: result.statusCodeStats,
    // The load generator's own CPU time per request: on 2 cores it competes with the server.
    cpuMicrosPerRequest: cpuMicros(process.cpuUsage(cpu0)) / Math.max(1, result.requests.total),
    // Share of one core the generator used over the run: near 1.0 it, not the server, is the limit.
    coreShare: cpuMicros(process.cpuUsage(cpu0)) / 1e6 / seconds,
    // Share of the run its main thread was ready to run but waited for its core.
    runQueueShare: (runQueueWait() - wait0) / 1e9 / seconds,
  })}\n`,
);
