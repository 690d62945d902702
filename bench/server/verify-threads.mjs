#!/usr/bin/env node
// bench/server: one datafold-server instance on the verify route with the signature check on the
// event loop (DATAFOLD_VERIFY_THREADS=0) and on the verify thread (=1), alternated in one run so
// each pair of loads sees the same machine. Per load it prints req/s, the cores the server process
// used (CPU time of all its threads / wall time), the CPU per request of its event loop and of its
// other threads, the load generator's CPU per request, and how busy the whole machine was.
//
// Target (issue 18, item 5): on two cores, threads=1 >= 1.6 x threads=0. On two cores the load
// generator runs beside the server and takes CPU too, so the script also prints the rate the CPU
// figures allow when the server has two cores to itself: without the verify thread the event
// loop does all the work (1e6 / its µs per request), with it the busier of the two bounds the rate
// (1e6 / max(event loop µs, verify thread µs)). And it samples how often the event loop and the
// verify thread have work at the same time: pipelined, they overlap; taking turns, they do not.
//
// Usage: node bench/server/verify-threads.mjs [--duration 5] [--repeat 3] [--connections 50]
//                                            [--wait-idle CORES]
//   --wait-idle CORES  on a shared machine, before each pair of loads wait (up to 2 minutes) until
//                      this many cores were idle over one second
import { availableParallelism, loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fill,
  fmt,
  load,
  sampleClients,
  startServer,
  stop,
  threadCpuMicros,
  work,
} from './harness.mjs';
import { numberArg } from '../args.mjs';

const DURATION = numberArg('--duration', 5);
const REPEAT = numberArg('--repeat', 3);
const CONNECTIONS = numberArg('--connections', 50);
const WAIT_IDLE = numberArg('--wait-idle', 0);

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
function machineJiffies() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = fields.map(Number);
  const idle = n[3] + n[4]; // idle + iowait
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU µs of each thread but the event loop; the busiest is the verify thread when there is one. */
function otherThreads(pid) {
  const byThread = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    if (Number(tid) === pid) continue;
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    byThread.set(tid, (Number(fields[11]) + Number(fields[12])) * 10_000);
  }
  return byThread;
}

/** Waits until `cores` cores were idle over one second, for at most two minutes; the idle cores. */
async function waitIdle(cores) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const a = machineJiffies();
    await new Promise((r) => setTimeout(r, 1000));
    const b = machineJiffies();
    const idle = availableParallelism() * (1 - (b.busy - a.busy) / Math.max(1, b.total - a.total));
    if (idle >= cores || Date.now() > deadline) return idle;
  }
}

/** The scheduler state of a thread: 'R' while it runs or waits for a core, 'S' while it sleeps. */
function threadState(pid, tid) {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  return stat[stat.lastIndexOf(')') + 2];
}

/**
 * Samples, every millisecond, whether the event loop and the verify thread have work at the same
 * time (both runnable). Unlike req/s this does not depend on how many cores other processes leave
 * free: threads that take turns are rarely runnable together; pipelined ones are.
 */
function sampleOverlap(pid, tid) {
  const counts = { both: 0, loop: 0, thread: 0, neither: 0 };
  const timer = setInterval(() => {
    try {
      const loop = threadState(pid, pid) === 'R';
      const thread = tid !== null && threadState(pid, tid) === 'R';
      counts[loop && thread ? 'both' : loop ? 'loop' : thread ? 'thread' : 'neither'] += 1;
    } catch {
      // the server exited
    }
  }, 1);
  return () => {
    clearInterval(timer);
    return counts;
  };
}

/**
 * The load generator: raw-load.mjs, the leanest we have (vs-peer.mjs explains why). It runs on the
 * same two cores as the server, so every µs it spends per request is one the server lacks;
 * autocannon's 50-100 µs per request alone would hold the server under the target.
 */
const GENERATOR = 'raw-load.mjs';

async function measure(dataDir, bodies, threads) {
  const server = await startServer(dataDir, { DATAFOLD_VERIFY_THREADS: String(threads) });
  const url = `${server.url}/api/crypto/signatures/verify`;
  const pid = server.child.pid;
  const beforeWarmUp = otherThreads(pid);
  await load(url, bodies, { duration: 2, connections: CONNECTIONS, generator: GENERATOR }); // warm-up
  // The verify thread is the thread besides the event loop that worked most in the warm-up.
  const threads0 = otherThreads(pid);
  let tid = null;
  let most = 0;
  for (const [id, micros] of threads0) {
    const used = micros - (beforeWarmUp.get(id) ?? 0);
    if (threads > 0 && used > most) [tid, most] = [id, used];
  }
  const cpu0 = threadCpuMicros(pid);
  const machine0 = machineJiffies();
  const t0 = process.hrtime.bigint();
  const stopSampling = sampleOverlap(pid, tid);
  const result = await load(url, bodies, {
    duration: DURATION,
    connections: CONNECTIONS,
    generator: GENERATOR,
  });
  const overlap = stopSampling();
  const wallMicros = Number(process.hrtime.bigint() - t0) / 1000;
  const machine1 = machineJiffies();
  const threads1 = otherThreads(pid);
  const cpu1 = threadCpuMicros(pid);
  await stop(server.child);
  // Checked afterwards: the busiest other thread of the measured load must be the one sampled.
  let busiest = 0;
  let busiestTid = null;
  for (const [id, micros] of threads1) {
    const used = micros - (threads0.get(id) ?? 0);
    if (used > busiest) [busiestTid, busiest] = [id, used];
  }
  if (threads === 0) busiest = 0;
  const identified = tid !== null && tid === busiestTid;
  const main = cpu1.main - cpu0.main;
  const other = cpu1.other - cpu0.other;
  const cores = availableParallelism();
  return {
    threads,
    rate: result.requestsPerSecond,
    total: result.total,
    p99: result.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    // The load runs for DURATION inside a process that starts and stops around it.
    serverCores: (main + other) / (result.total / result.requestsPerSecond) / 1e6,
    loopCores: main / (result.total / result.requestsPerSecond) / 1e6,
    loopMicros: main / result.total,
    otherMicros: other / result.total,
    threadMicros: busiest / result.total,
    generatorMicros: result.cpuMicrosPerRequest,
    machineBusyCores:
      (cores * (machine1.busy - machine0.busy)) / Math.max(1, machine1.total - machine0.total),
    wallMicros,
    overlap: identified ? overlap : null,
  };
}

const line = (r) =>
  console.log(
    `  threads=${r.threads}: ${fmt(r.rate)} req/s, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}; ` +
      `server ${r.serverCores.toFixed(2)} cores (event loop ${r.loopCores.toFixed(2)}), ` +
      `CPU/request event loop ${r.loopMicros.toFixed(1)} µs + other threads ${r.otherMicros.toFixed(1)} µs ` +
      (r.threads > 0 ? `(verify thread ${r.threadMicros.toFixed(1)} µs)` : '') +
      `; load generator ${r.generatorMicros.toFixed(1)} µs/request; ` +
      `machine ${r.machineBusyCores.toFixed(2)} of ${availableParallelism()} cores busy` +
      (r.threads > 0
        ? `; ${r.overlap ? overlapLine(r.overlap) : 'verify thread not identified, overlap not sampled'}`
        : ''),
  );

/** Of the samples in which the verify thread had work, the share in which the event loop had too. */
const overlapShare = (c) => c.both / Math.max(1, c.both + c.thread);
const overlapLine = (c) => {
  const samples = Math.max(1, c.both + c.loop + c.thread + c.neither);
  return (
    `verify thread runnable ${((100 * (c.both + c.thread)) / samples).toFixed(0)} % of the time, ` +
    `the event loop ${((100 * (c.both + c.loop)) / samples).toFixed(0)} %; while the thread had work ` +
    `the loop had too ${(100 * overlapShare(c)).toFixed(0)} % of the time`
  );
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

console.log(
  `verify threads bench: ${CONNECTIONS} connections, ${DURATION} s per load, ${REPEAT} repetitions, ` +
    `Node ${process.version}, ${availableParallelism()} cores, load average ${loadAverage()}`,
);
const dataDir = join(work, 'data-verify-threads');
await fill(dataDir, 800);
const seed = await startServer(dataDir);
const bodies = await sampleClients(seed.url, 'threads', 200);
await stop(seed.child);

const pairs = [];
for (let i = 0; i < REPEAT; i++) {
  const idle =
    WAIT_IDLE > 0 ? ` (${(await waitIdle(WAIT_IDLE)).toFixed(2)} cores idle before it)` : '';
  console.log(`repetition ${i + 1}${idle}:`);
  // Alternate which goes first, so a drift in the machine's load favours neither.
  const order = i % 2 === 0 ? [0, 1] : [1, 0];
  const runs = {};
  for (const threads of order) {
    runs[threads] = await measure(dataDir, bodies, threads);
    line(runs[threads]);
  }
  console.log(`  ratio threads=1 / threads=0: ${(runs[1].rate / runs[0].rate).toFixed(2)}`);
  pairs.push(runs);
}

const ratio = median(pairs.map((p) => p[1].rate / p[0].rate));
const oneThread = median(pairs.map((p) => p[0].loopMicros));
const loop = median(pairs.map((p) => p[1].loopMicros));
const thread = median(pairs.map((p) => p[1].threadMicros));
const cores1 = median(pairs.map((p) => p[1].serverCores));
const cores0 = median(pairs.map((p) => p[0].serverCores));
console.log('');
console.log(`load average at the end: ${loadAverage()} (the machine is shared: read the ratios)`);
console.log(
  `median req/s ratio threads=1 / threads=0, measured: ${ratio.toFixed(2)} (target >= 1.60; ` +
    `server used ${cores0.toFixed(2)} vs ${cores1.toFixed(2)} cores beside the load generator)`,
);
const overlap = median(pairs.filter((p) => p[1].overlap).map((p) => overlapShare(p[1].overlap)));
console.log(
  `threads=1: while the verify thread had work, the event loop had too ${(100 * overlap).toFixed(0)} % of the time (median; a thread waiting for a free core counts as having work)`,
);
const bound = Math.max(loop, thread);
console.log(
  `from CPU per request (medians; V8's background threads, e.g. GC, left out of both): ` +
    `threads=0 event loop ${oneThread.toFixed(1)} µs -> ${fmt(1e6 / oneThread)} req/s; ` +
    `verify thread: event loop ${loop.toFixed(1)} µs, verify thread ${thread.toFixed(1)} µs -> ` +
    `${fmt(1e6 / bound)} req/s on two free cores = ${(oneThread / bound).toFixed(2)} x`,
);
process.exit(0);
