// Runs one bounded autocannon load of GET requests in its own process, cycling through a list of
// paths, and prints the result as JSON (the shape load.mjs prints). Loopback only.
// Usage: node load-paths.mjs '{"origin": "http://127.0.0.1:PORT", "pathsFile": "...", "duration": 8, "headers": {}}'
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2]);
const origin = new URL(options.origin);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(origin.hostname)) {
  throw new Error('the benchmark sends traffic to loopback addresses only');
}
const paths = readFileSync(options.pathsFile, 'utf8').trim().split('\n');
let next = 0;
const cpu0 = process.cpuUsage();
const cpuMicros = (u) => u.user + u.system;
const result = await autocannon({
  url: options.origin,
  connections: options.connections ?? 50,
  ...(options.amount
    ? { amount: options.amount }
    : { duration: Math.min(options.duration ?? 8, 30) }),
  requests: [
    {
      method: 'GET',
      headers: options.headers ?? {},
      setupRequest(request) {
        const path = paths[next % paths.length];
        next += 1;
        return { ...request, path };
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
    cpuMicrosPerRequest: cpuMicros(process.cpuUsage(cpu0)) / Math.max(1, result.requests.total),
  })}\n`,
);
