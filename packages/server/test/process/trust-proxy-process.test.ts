import { runServerCommand, startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { afterEach, describe, expect, it } from 'vitest';

/** A limit of 2 requests a minute per IP, and none per client id. */
const TWO_PER_IP = { DATAFOLD_RATE_LIMIT_IP: '2', DATAFOLD_RATE_LIMIT_CLIENT: '0' };

async function status(server: DatafoldServer, forwardedFor: string): Promise<number> {
  const res = await fetch(`${server.url}/api/crypto/status`, {
    headers: { 'x-forwarded-for': forwardedFor },
  });
  await res.arrayBuffer();
  return res.status;
}

describe('--trust-proxy on a real datafold-server process over HTTP from 127.0.0.1', () => {
  let server: DatafoldServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('with 127.0.0.1 trusted, each X-Forwarded-For client has its own per-IP bucket', async () => {
    server = await startDatafoldServer({
      args: ['--trust-proxy', '127.0.0.1,::1'],
      rateLimits: true,
      env: TWO_PER_IP,
    });
    expect(await status(server, '203.0.113.1')).toBe(200);
    expect(await status(server, '203.0.113.1')).toBe(200);
    expect(await status(server, '203.0.113.1')).toBe(429);
    expect(await status(server, '203.0.113.2')).toBe(200);
  });

  it('unset (DATAFOLD_TRUST_PROXY empty), X-Forwarded-For is ignored: one bucket for the peer', async () => {
    server = await startDatafoldServer({
      rateLimits: true,
      env: { ...TWO_PER_IP, DATAFOLD_TRUST_PROXY: '' },
    });
    expect(await status(server, '203.0.113.1')).toBe(200);
    expect(await status(server, '203.0.113.2')).toBe(200);
    expect(await status(server, '203.0.113.3')).toBe(429);
  });

  it('lists the option in --help', async () => {
    const help = await runServerCommand(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--trust-proxy LIST\|HOPS +DATAFOLD_TRUST_PROXY/);
  });

  it('refuses a blanket true at start with INVALID_CONFIG naming the flag', async () => {
    const flag = await runServerCommand(['serve', '--port', '0', '--trust-proxy', 'true']);
    expect(flag.code).toBe(3);
    expect(flag.stderr).toMatch(/INVALID_CONFIG: --trust-proxy must be .*list the proxies/);
    const env = await runServerCommand(['serve', '--port', '0'], {
      DATAFOLD_TRUST_PROXY: '10.0.0.0/99',
    });
    expect(env.code).toBe(3);
    expect(env.stderr).toMatch(
      /INVALID_CONFIG: DATAFOLD_TRUST_PROXY .*"10.0.0.0\/99" needs a prefix length/,
    );
  });
});
