import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:9001 and ./.datafold-data under the working directory', () => {
    const config = loadConfig([], {}, '/srv/app');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 9001,
      dataDir: '/srv/app/.datafold-data',
      databaseUrl: null,
      requireProof: false,
    });
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
    [['--bogus'], {}, /unknown option --bogus/],
    [['--port'], {}, /--port must be followed by a value/],
  ])('refuses %j %j with INVALID_CONFIG and a clear message', (argv, env, message) => {
    expect(() => loadConfig(argv, env)).toThrow(message);
    try {
      loadConfig(argv, env);
    } catch (error) {
      expect((error as { code: string }).code).toBe('INVALID_CONFIG');
    }
  });
});
