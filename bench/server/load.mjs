// Runs one bounded autocannon load in its own process (so the load generator never shares the
// server's event loop) and prints the result as JSON. Loopback only.
// Usage: node load.mjs '{"url": "http://127.0.0.1:PORT/path", "bodiesFile": "...", "duration": 8}'
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);
const url = new URL(options.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  throw new Error('the benchmark sends traffic to loopback addresses only');
}
const bodies = readFileSync(options.bodiesFile, 'utf8').trim().split('\n');
let next = 0;
const cpu0 = process.cpuUsage();
const cpuMicros = (u) => u.user + u.system;
const result = await autocannon({
  url: options.url,
  connections: options.connections ?? 50,
  // With `amount`, exactly that many requests; otherwise for `duration` seconds.
  ...(options.amount
    ? { amount: options.amount }
    : { duration: Math.min(options.duration ?? 8, 30) }),
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest(request) {
        const body = bodies[next % bodies.length];
        next += 1;
        return { ...request, body };
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: result.statusCodeStats,
    // The load generator's own CPU time per request: on 2 cores it competes with the server.
    cpuMicrosPerRequest: cpuMicros(process.cpuUsage(cpu0)) / Math.max(1, result.requests.total),
  })}\n`,
);
