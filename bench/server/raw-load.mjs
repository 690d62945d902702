// A lean HTTP/1.1 load generator for loopback benches: keep-alive connections writing request
// bytes built by string concatenation and reading responses by Content-Length, nothing else.
// It exists because autocannon's own CPU per request (100-160 µs measured on a shared 2-core
// machine, against 27-48 µs for this one in the same run) is more than a fast server's, so on two
// cores autocannon on one could not saturate a server on the other. Same options and same JSON result as load.mjs (where it has them);
// answers must carry Content-Length (both servers' JSON answers do; chunked ones are refused).
// Usage: node raw-load.mjs '{"url": "http://127.0.0.1:PORT/path", "bodiesFile": "...", "duration": 8}'
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

const options = JSON.parse(process.argv[2]);
const url = new URL(options.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  throw new Error('the benchmark sends traffic to loopback addresses only');
}
const lines = (file) => (file ? readFileSync(file, 'utf8').trim().split('\n') : undefined);
const bodies = lines(options.bodiesFile);
const paths = lines(options.pathsFile) ?? [url.pathname + url.search];
const method = options.method ?? 'POST';
const connections = options.connections ?? 50;
const pipelining = options.pipelining ?? 1;
const amount = options.amount;
const durationMs = Math.min(options.duration ?? 8, 60) * 1000;
const limit = options.eachBodyOnce && bodies ? bodies.length : (amount ?? Infinity);

const noncePrefix = randomBytes(6).toString('hex');
const fixedHead = `Host: ${url.host}\r\nContent-Type: application/json\r\n`;
let createdSecond = 0;
let createdText = '';

/** Request i's bytes: the same headers load.mjs sends (signature headers with a nonce of its own). */
function request(i) {
  let head = `${method} ${paths[i % paths.length]} HTTP/1.1\r\n${fixedHead}`;
  if (options.signatureHeaders) {
    const second = Math.floor(Date.now() / 1000);
    if (second !== createdSecond) {
      createdSecond = second;
      createdText = String(second);
    }
    head += `Signature-Input: sig1=("@method" "@target-uri" "content-type");created=${createdText};keyid="bench";alg="ed25519";nonce="${noncePrefix}${i.toString(36)}"\r\nSignature: sig1=:AAAA:\r\n`;
  }
  if (method === 'GET' || !bodies) return `${head}\r\n`;
  const body = bodies[i % bodies.length];
  return `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

let sent = 0;
let completed = 0;
let errors = 0;
let stopping = false;
const latencies = [];
const statusCounts = new Map();
let lastCompletion = 0;
const cpu0 = process.cpuUsage();
// This process's main thread's run-queue wait (ns), to tell a starved generator from an idle one.
const runQueueWait = () => Number(readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]);
const wait0 = runQueueWait();
const start = performance.now();

function parseContentLength(head) {
  let at = head.indexOf('content-length:');
  if (at < 0) at = head.toLowerCase().indexOf('content-length:');
  if (at < 0) {
    throw new Error('an answer without Content-Length (chunked?) — raw-load cannot frame it');
  }
  return Number.parseInt(head.slice(at + 15, head.indexOf('\r\n', at)), 10);
}

const sockets = new Set();
function openConnection() {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port });
    sockets.add(socket);
    socket.setNoDelay(true);
    const inFlight = []; // send times, oldest first
    let pending = null;
    const sendOne = () => {
      if (stopping || sent >= limit) return false;
      inFlight.push(performance.now());
      socket.write(request(sent++));
      return true;
    };
    const fill = () => {
      while (inFlight.length < pipelining && sendOne());
      if (inFlight.length === 0) socket.end();
    };
    socket.on('connect', fill);
    socket.on('data', (chunk) => {
      const buf = pending ? Buffer.concat([pending, chunk]) : chunk;
      let offset = 0;
      for (;;) {
        const headEnd = buf.indexOf('\r\n\r\n', offset, 'latin1');
        if (headEnd < 0) break;
        const head = buf.toString('latin1', offset, headEnd);
        const end = headEnd + 4 + parseContentLength(head);
        if (end > buf.length) break;
        const status = head.slice(9, 12);
        statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
        const now = performance.now();
        latencies.push(now - inFlight.shift());
        completed += 1;
        lastCompletion = now;
        offset = end;
      }
      pending = offset === buf.length ? null : buf.subarray(offset);
      fill();
    });
    socket.on('error', () => {
      errors += 1;
    });
    socket.on('close', () => {
      errors += inFlight.length; // answers that never came
      resolve();
    });
  });
}

// After the duration (unless `amount` is given) no new requests; answers still due get 5 s,
// then their sockets are closed.
const timer = amount
  ? undefined
  : setTimeout(() => {
      stopping = true;
      setTimeout(() => sockets.forEach((s) => s.destroy()), 5000).unref();
    }, durationMs);
await Promise.all(Array.from({ length: connections }, openConnection));
clearTimeout(timer);

const seconds = (lastCompletion - start) / 1000;
latencies.sort((a, b) => a - b);
const percentile = (p) => {
  const ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return Math.round(ms * 10) / 10;
};
const cpuMicros = (u) => u.user + u.system;
const statusCodes = Object.fromEntries([...statusCounts].map(([code, count]) => [code, { count }]));
const non2xx = [...statusCounts].reduce((s, [code, n]) => (code.startsWith('2') ? s : s + n), 0);
const cpu = cpuMicros(process.cpuUsage(cpu0));
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: completed / seconds,
    total: completed,
    seconds,
    p50: percentile(0.5),
    p99: percentile(0.99),
    non2xx,
    errors,
    timeouts: 0,
    statusCodes,
    cpuMicrosPerRequest: cpu / Math.max(1, completed),
    coreShare: cpu / 1e6 / ((performance.now() - start) / 1000),
    // Share of the run its main thread was ready to run but waited for its core.
    runQueueShare: (runQueueWait() - wait0) / 1e6 / (performance.now() - start),
  })}\n`,
);
