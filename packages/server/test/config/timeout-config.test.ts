import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/config/duration.js';
import { loadConfig } from '../../src/config/load-config.js';
import { defaultConfig } from '../../src/config/server-config.js';
import {
  connectionsCheckingInterval,
  serverTimeoutOptions,
} from '../../src/http/server-timeouts.js';

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['90d', 7_776_000_000],
    ['99999d', 99_999 * 86_400_000],
  ])('reads %s as %i ms', (raw, ms) => {
    expect(parseDuration(raw, ['ms', 's', 'm', 'h', 'd'])).toBe(ms);
  });

  it.each(['10', '0s', '010s', '1.5s', '-1s', '1w', '100000s', ' 1s', '1S', ''])(
    'refuses %j',
    (raw) => {
      expect(parseDuration(raw, ['ms', 's', 'm', 'h', 'd'])).toBeNull();
    },
  );

  it('refuses a unit the caller does not take', () => {
    expect(parseDuration('500ms', ['s', 'm', 'h', 'd'])).toBeNull();
  });

  it('writes milliseconds in the largest exact unit', () => {
    expect([7_776_000_000, 72_000, 90_000, 1_500, 3_600_000].map(formatDuration)).toEqual([
      '90d',
      '72s',
      '90s',
      '1500ms',
      '1h',
    ]);
  });
});

describe('timeout options', () => {
  it('defaults to a 10 s header, 30 s body and 72 s idle timeout', () => {
    expect(loadConfig([], {})).toMatchObject({
      headerTimeoutMs: 10_000,
      bodyTimeoutMs: 30_000,
      idleTimeoutMs: 72_000,
    });
  });

  it('reads flags over environment variables', () => {
    const config = loadConfig(['--header-timeout', '2s', '--idle-timeout=5m'], {
      DATAFOLD_HEADER_TIMEOUT: '20s',
      DATAFOLD_BODY_TIMEOUT: '1m',
      DATAFOLD_IDLE_TIMEOUT: '1s',
    });
    expect(config).toMatchObject({
      headerTimeoutMs: 2_000,
      bodyTimeoutMs: 60_000,
      idleTimeoutMs: 300_000,
    });
  });

  it.each([
    [['--header-timeout', '10'], {}, /--header-timeout must be a duration from 100ms to 1h/],
    [['--body-timeout', '50ms'], {}, /--body-timeout must be a duration from 100ms to 1h/],
    [[], { DATAFOLD_IDLE_TIMEOUT: '2h' }, /DATAFOLD_IDLE_TIMEOUT must be a duration/],
    [['--idle-timeout', '0s'], {}, /--idle-timeout must be a duration/],
    [['--header-timeout', '40s'], {}, /--header-timeout must be at most --body-timeout \(30s\)/],
    [
      ['--body-timeout', '5s'],
      { DATAFOLD_HEADER_TIMEOUT: '6s' },
      /--header-timeout must be at most --body-timeout \(5s\)/,
    ],
  ])('refuses %j %j with INVALID_CONFIG', (argv, env, message) => {
    expect(() => loadConfig(argv, env)).toThrow(message);
    expect(() => loadConfig(argv, env)).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });

  it('checks for stalled requests often enough to honour the header timeout', () => {
    expect(connectionsCheckingInterval(10_000)).toBe(1_000);
    expect(connectionsCheckingInterval(60_000)).toBe(1_000);
    expect(connectionsCheckingInterval(2_000)).toBe(200);
    expect(connectionsCheckingInterval(100)).toBe(50);
  });

  it('gives the TLS handshake the header timeout, and keeps the certificate', () => {
    const tls = { cert: Buffer.from('cert'), key: Buffer.from('key') };
    const config = { ...defaultConfig(), headerTimeoutMs: 3_000 };
    const options = serverTimeoutOptions(config, tls);
    expect(options.http).toBeUndefined();
    expect(options.https).toMatchObject({
      ...tls,
      handshakeTimeout: 3_000,
      headersTimeout: 3_000,
      requestTimeout: 30_000,
      keepAliveTimeout: 72_000,
      connectionsCheckingInterval: 300,
    });
    expect(serverTimeoutOptions(config, null)).toMatchObject({
      http: { headersTimeout: 3_000, connectionsCheckingInterval: 300 },
      requestTimeout: 30_000,
      keepAliveTimeout: 72_000,
    });
  });
});
