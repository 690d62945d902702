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
const result = await autocannon({
  url: options.url,
  connections: options.connections ?? 50,
  duration: Math.min(options.duration ?? 8, 30),
  amount: options.amount,
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
  })}\n`,
);
