import { newKey, sign, type TestKey, registerBody } from './keys.js';

/** What a bounded load saw: every status by count, failures outside HTTP, and what was acked. */
export interface LoadReport {
  statuses: Map<number, number>;
  /** Answers that break the fault contract: a status other than 2xx/503, or a 503 without
   * DATABASE_UNAVAILABLE and Retry-After. At most 20 kept, with what was asked. */
  violations: string[];
  /** Requests that got no HTTP answer at all (reset, refused): the process died or dropped them. */
  transportErrors: string[];
  /** Registrations answered 201: they must all be there afterwards. */
  acknowledged: Map<string, string>;
  requests: number;
}

interface Client {
  clientId: string;
  key: TestKey;
}

async function call(url: string, body?: object) {
  const res = await fetch(url, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : null,
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text };
}

/** Registers `count` clients through `url` and returns them for the verify part of a load. */
export async function registerClients(
  url: string,
  prefix: string,
  count: number,
): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < count; i++) {
    const key = newKey();
    const clientId = `${prefix}-${i}`;
    const res = await call(`${url}/api/crypto/keys/register`, registerBody(key, clientId));
    if (res.status !== 201) throw new Error(`registering ${clientId}: ${res.status} ${res.text}`);
    clients.push({ clientId, key });
  }
  return clients;
}

/**
 * Sends registrations, verifications of registered clients and status reads to `urls` in turn
 * from `workers` loops until `until` settles, and records every answer. Under a database fault
 * the contract is: 2xx, or 503 DATABASE_UNAVAILABLE with Retry-After; never another status, never
 * a dropped connection.
 *
 * @example
 * const report = await mixedLoad(urls, clients, faultScenario(), { prefix: 'run-1' });
 */
export async function mixedLoad(
  urls: readonly string[],
  clients: readonly Client[],
  until: Promise<unknown>,
  { workers = 12, prefix = 'load' } = {},
): Promise<LoadReport> {
  const report: LoadReport = {
    statuses: new Map(),
    violations: [],
    transportErrors: [],
    acknowledged: new Map(),
    requests: 0,
  };
  let done = false;
  void until.finally(() => (done = true));
  const worker = async (w: number) => {
    for (let i = 0; !done; i++) {
      const url = urls[(w + i) % urls.length]!;
      const kind = i % 3;
      const client = clients[(w * 7 + i) % clients.length]!;
      let what: string;
      let request: Promise<Awaited<ReturnType<typeof call>>>;
      let fresh: { clientId: string; hex: string } | null = null;
      if (kind === 0) {
        const key = newKey();
        fresh = { clientId: `${prefix}-${w}-${i}`, hex: key.hex };
        what = `register ${fresh.clientId}`;
        request = call(`${url}/api/crypto/keys/register`, registerBody(key, fresh.clientId));
      } else if (kind === 1) {
        what = `verify ${client.clientId}`;
        request = call(`${url}/api/crypto/signatures/verify`, {
          client_id: client.clientId,
          message: `m${i}`,
          signature: sign(client.key, `m${i}`),
        });
      } else {
        what = `status ${client.clientId}`;
        request = call(`${url}/api/crypto/keys/status/${client.clientId}`);
      }
      report.requests++;
      try {
        const res = await request;
        report.statuses.set(res.status, (report.statuses.get(res.status) ?? 0) + 1);
        if (res.status === 201 && fresh) report.acknowledged.set(fresh.clientId, fresh.hex);
        const ok = res.status === 200 || res.status === 201;
        const coded503 =
          res.status === 503 &&
          res.retryAfter !== null &&
          res.text.includes('"code":"DATABASE_UNAVAILABLE"');
        if (!ok && !coded503 && report.violations.length < 20) {
          report.violations.push(`${what} on ${url}: ${res.status} ${res.text.slice(0, 200)}`);
        }
      } catch (error) {
        if (report.transportErrors.length < 20) {
          const cause = (error as { cause?: { code?: string } }).cause?.code ?? '';
          report.transportErrors.push(`${what} on ${url}: ${(error as Error).message} ${cause}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  return report;
}
