import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';

describe('loadConfig: --require-signed-requests and --public-url', () => {
  it('is off by default, with no public URL', () => {
    expect(loadConfig([], {})).toMatchObject({ requireSignedRequests: false, publicUrl: null });
  });

  it('turns on by the flag alone, with a value, or by the environment (true or 1)', () => {
    expect(loadConfig(['--require-signed-requests'], {}).requireSignedRequests).toBe(true);
    expect(
      loadConfig(['--require-signed-requests', '--port', '9100'], {}).requireSignedRequests,
    ).toBe(true);
    expect(loadConfig(['--require-signed-requests=0'], {}).requireSignedRequests).toBe(false);
    for (const value of ['true', '1']) {
      expect(
        loadConfig([], { DATAFOLD_REQUIRE_SIGNED_REQUESTS: value }).requireSignedRequests,
      ).toBe(true);
    }
    expect(
      loadConfig(['--require-signed-requests=0'], { DATAFOLD_REQUIRE_SIGNED_REQUESTS: '1' })
        .requireSignedRequests,
    ).toBe(false);
  });

  it('refuses a value that is not a boolean with INVALID_CONFIG naming the variable', () => {
    expect(() => loadConfig([], { DATAFOLD_REQUIRE_SIGNED_REQUESTS: 'always' })).toThrow(
      /DATAFOLD_REQUIRE_SIGNED_REQUESTS must be 1 or 0/,
    );
  });

  it('is not a proof setting: it never contradicts --allow-unproven-registration', () => {
    const config = loadConfig(['--require-signed-requests', '--allow-unproven-registration'], {});
    expect(config).toMatchObject({ requireSignedRequests: true, requireProof: false });
  });

  it('reads the public URL as an origin, and refuses paths, queries, credentials and other schemes', () => {
    expect(loadConfig(['--public-url', 'https://Keys.Example:8443'], {}).publicUrl).toBe(
      'https://keys.example:8443',
    );
    expect(loadConfig([], { DATAFOLD_PUBLIC_URL: 'https://keys.example/' }).publicUrl).toBe(
      'https://keys.example',
    );
    expect(loadConfig([], { DATAFOLD_PUBLIC_URL: '' }).publicUrl).toBeNull();
    for (const bad of [
      'https://keys.example/api',
      'https://keys.example?x=1',
      'https://user:pw@keys.example',
      'ftp://keys.example',
      'keys.example',
    ]) {
      expect(() => loadConfig(['--public-url', bad], {}), bad).toThrow(/--public-url must be/);
    }
  });
});
