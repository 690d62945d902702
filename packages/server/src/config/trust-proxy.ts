import { isIP } from 'node:net';
import { ValidationError } from '@datafold/js-sdk';
import type { FastifyServerOptions } from 'fastify';

/**
 * Which peers may tell the server the client's address through `X-Forwarded-For`: the listed
 * proxy addresses and CIDR ranges, or every peer up to a number of hops. `null` in the config
 * means none: `request.ip` is the TCP peer and the header is ignored.
 *
 * @example
 * const trust: TrustProxy = { kind: 'addresses', addresses: ['10.0.0.0/8', '127.0.0.1'] };
 */
export type TrustProxy =
  { kind: 'addresses'; addresses: string[] } | { kind: 'hops'; hops: number };

/** Named ranges that Fastify's proxy-addr expands (loopback, RFC 3927, RFC 1918 and RFC 4193). */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_HOPS = 32;
const EXPECTED =
  'a comma-separated list of the proxies in front of the server, as addresses or CIDR ranges ' +
  `(like 10.0.0.0/8,127.0.0.1), or a hop count from 1 to ${MAX_HOPS}`;

function refuse(source: string, problem: string): never {
  throw new ValidationError('INVALID_CONFIG', `${source} must be ${EXPECTED}; ${problem}`, {
    option: source,
  });
}

/** Trusting every peer lets any client choose the address it is rate limited and audited as. */
function refuseBlanket(source: string, raw: string): never {
  refuse(
    source,
    `"${raw}" would trust every peer, so any client could set its own address in ` +
      'X-Forwarded-For: list the proxies instead',
  );
}

function checkEntry(entry: string, source: string): void {
  if (NAMED_RANGES.includes(entry)) return;
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const version = address.includes('%') ? 0 : isIP(address); // zone ids name no proxy address
  if (version === 0) refuse(source, `"${entry}" is not an IP address or CIDR range`);
  if (slash < 0) return;
  const prefix = entry.slice(slash + 1);
  const max = version === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
    refuse(source, `"${entry}" needs a prefix length from 1 to ${max}`);
  }
  if (Number(prefix) === 0) refuseBlanket(source, entry);
}

/**
 * Reads `--trust-proxy` / `DATAFOLD_TRUST_PROXY`. Empty means no proxy is trusted (the default).
 * A blanket `true` (or `*`, `0.0.0.0/0`, `::/0`) is refused: it would let any client spoof its
 * address. Every entry is checked here so a typo stops the server at start with INVALID_CONFIG.
 *
 * @example
 * parseTrustProxy('10.0.0.0/8, 127.0.0.1', '--trust-proxy');
 * // { kind: 'addresses', addresses: ['10.0.0.0/8', '127.0.0.1'] }
 */
export function parseTrustProxy(raw: string, source: string): TrustProxy | null {
  const value = raw.trim();
  if (value === '') return null;
  if (['true', 'yes', 'on', 'all', '*'].includes(value.toLowerCase())) {
    refuseBlanket(source, value);
  }
  if (/^[-+]?\d+$/.test(value)) {
    const hops = Number(value);
    if (!/^\d+$/.test(value) || hops < 1 || hops > MAX_HOPS) {
      refuse(source, `the hop count "${value}" is outside 1 to ${MAX_HOPS}`);
    }
    return { kind: 'hops', hops };
  }
  const addresses = value.split(',').map((entry) => entry.trim());
  for (const entry of addresses) {
    if (entry === '') refuse(source, 'the list has an empty entry');
    checkEntry(entry, source);
  }
  return { kind: 'addresses', addresses };
}

/**
 * Fastify's `trustProxy` option for a parsed setting. Addresses go to Fastify as a list: a
 * forwarded address is believed only while the hop that sent it is one of them, so an untrusted
 * peer's `X-Forwarded-For` is ignored. A hop count becomes a function trusting the first `hops`
 * hops from the server whatever they are (Fastify ignores a bare number): `request.ip` is then
 * the `hops`-th address from the right of `X-Forwarded-For`.
 *
 * @example
 * Fastify({ trustProxy: fastifyTrustProxy(config.trustProxy) });
 */
export function fastifyTrustProxy(trust: TrustProxy | null): FastifyServerOptions['trustProxy'] {
  if (trust === null) return false;
  if (trust.kind === 'addresses') return [...trust.addresses];
  const { hops } = trust;
  return (_address: string, hop: number) => hop < hops;
}
