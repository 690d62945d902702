import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/commands/usage-error.js';
import { loadConfig } from '../../src/config/load-config.js';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:9001 and ./.datafold-data under the working directory', () => {
    const config = loadConfig([], {}, '/srv/app');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 9001,
      dataDir: '/srv/app/.datafold-data',
      databaseUrl: null,
      requireProof: true,
      rateLimitFailuresPerIp: 600,
      rateLimitRegistrationsPerIp: 600,
    });
  });

  it('allows registration without proof only when asked, and refuses contradicting settings', () => {
    expect(loadConfig(['--allow-unproven-registration'], {}).requireProof).toBe(false);
    expect(loadConfig([], { DATAFOLD_ALLOW_UNPROVEN_REGISTRATION: '1' }).requireProof).toBe(false);
    expect(loadConfig([], { DATAFOLD_REQUIRE_PROOF: '0' }).requireProof).toBe(false);
    expect(() =>
      loadConfig(['--allow-unproven-registration'], { DATAFOLD_REQUIRE_PROOF: '1' }),
    ).toThrow(/DATAFOLD_REQUIRE_PROOF and --allow-unproven-registration must be consistent/);
    expect(
      loadConfig(['--rate-limit-failures-ip', '0', '--rate-limit-register-ip=5'], {}),
    ).toMatchObject({ rateLimitFailuresPerIp: 0, rateLimitRegistrationsPerIp: 5 });
  });

  it('reads the environment, and flags win over it', () => {
    const config = loadConfig(['--port', '9100', '--data-dir=/tmp/x', '--require-proof'], {
      DATAFOLD_PORT: '9000',
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/db',
      DATAFOLD_CORS_ORIGINS: 'https://a.example.com, http://localhost:3000',
      DATAFOLD_LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 9100,
      dataDir: '/tmp/x',
      requireProof: true,
      databaseUrl: 'postgres://u@127.0.0.1:5432/db',
      corsOrigins: ['https://a.example.com', 'http://localhost:3000'],
      logLevel: 'warn',
    });
    expect(loadConfig([], { DATAFOLD_REQUIRE_PROOF: '1' }).requireProof).toBe(true);
    expect(loadConfig(['--verify-threads', '0'], {}).verifyThreads).toBe(0);
    expect(loadConfig([], { DATAFOLD_VERIFY_THREADS: '1' }).verifyThreads).toBe(1);
  });

  it('reads --trust-proxy as proxy addresses or a hop count; unset trusts no proxy', () => {
    expect(loadConfig([], {}).trustProxy).toBeNull();
    expect(loadConfig([], { DATAFOLD_TRUST_PROXY: '' }).trustProxy).toBeNull();
    expect(
      loadConfig([], { DATAFOLD_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback' })
        .trustProxy,
    ).toEqual({
      kind: 'addresses',
      addresses: ['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback'],
    });
    expect(loadConfig(['--trust-proxy=1'], {}).trustProxy).toEqual({ kind: 'hops', hops: 1 });
    // The flag wins over the environment, as for every option.
    expect(
      loadConfig(['--trust-proxy', '2'], { DATAFOLD_TRUST_PROXY: '10.0.0.1' }).trustProxy,
    ).toEqual({ kind: 'hops', hops: 2 });
  });

  it.each([
    [['--port', '70000'], {}, /--port must be an integer from 0 to 65535/],
    [['--port', 'abc'], {}, /--port/],
    [[], { DATAFOLD_PORT: '-1' }, /DATAFOLD_PORT must be/],
    [[], { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a URL starting with postgres:/],
    [[], { REDIS_URL: 'nope' }, /REDIS_URL/],
    [['--log-level', 'loud'], {}, /--log-level must be one of/],
    [['--cors-origins', 'https://a.example.com/path'], {}, /--cors-origins/],
    [['--tls-cert', 'c.pem'], {}, /given together/],
    [['--require-proof=maybe'], {}, /--require-proof must be 1 or 0/],
    [['--verify-threads', '2'], {}, /--verify-threads must be an integer from 0 to 1/],
    [
      ['--trust-proxy', 'true'],
      {},
      /--trust-proxy must be .*"true" would trust every peer.*list the proxies/,
    ],
    [[], { DATAFOLD_TRUST_PROXY: 'TRUE' }, /DATAFOLD_TRUST_PROXY must be .*list the proxies/],
    [['--trust-proxy=*'], {}, /--trust-proxy .*list the proxies/],
    [['--trust-proxy', '0.0.0.0/0'], {}, /--trust-proxy .*"0.0.0.0\/0" would trust every peer/],
    [['--trust-proxy', '10.0.0.1,::/0'], {}, /--trust-proxy .*"::\/0" would trust every peer/],
    [['--trust-proxy', 'abc'], {}, /--trust-proxy must be .*; "abc" is not an IP address/],
    [
      ['--trust-proxy', '10.0.0.0/99'],
      {},
      /--trust-proxy .*"10.0.0.0\/99" needs a prefix length from 1 to 32/,
    ],
    [
      ['--trust-proxy', '::1/129'],
      {},
      /--trust-proxy .*"::1\/129" needs a prefix length from 1 to 128/,
    ],
    [['--trust-proxy', '10.0.0.0/x'], {}, /--trust-proxy .*needs a prefix length/],
    [['--trust-proxy', '-1'], {}, /--trust-proxy .*hop count "-1" is outside 1 to 32/],
    [['--trust-proxy', '0'], {}, /--trust-proxy .*hop count "0" is outside 1 to 32/],
    [['--trust-proxy', '33'], {}, /--trust-proxy .*hop count "33"/],
    [['--trust-proxy', '10.0.0.1,,10.0.0.2'], {}, /--trust-proxy .*empty entry/],
    [['--trust-proxy', '999.0.0.1'], {}, /--trust-proxy .*"999.0.0.1" is not an IP address/],
    [['--trust-proxy', 'fe80::1%eth0'], {}, /--trust-proxy .*is not an IP address/],
  ])('refuses %j %j with INVALID_CONFIG and a clear message', (argv, env, message) => {
    expect(() => loadConfig(argv, env)).toThrow(message);
    try {
      loadConfig(argv, env);
    } catch (error) {
      expect((error as { code: string }).code).toBe('INVALID_CONFIG');
    }
  });

  it.each([
    [['--bogus'], /unknown option --bogus/, undefined],
    [['--prot', '9001'], /unknown option --prot .*did you mean --port\?/, '--port'],
    [['--port'], /--port must be followed by a value/, undefined],
    [['--trust-proxy'], /--trust-proxy must be followed by a value/, undefined],
  ])(
    'refuses the command line %j as a usage error (exit 2), naming what was meant',
    (argv, message, meant) => {
      let error: unknown;
      try {
        loadConfig(argv, {});
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect(String((error as Error).message)).toMatch(message);
      expect((error as UsageError).details.suggestion).toBe(meant);
    },
  );
});
