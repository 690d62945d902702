// @target-uri as spec/http-message-signatures-v1.md §2.3 rebuilds it, and the header fields the
// verifier is handed.
import { describe, expect, it } from 'vitest';

import { messageBuilder, type IncomingParts } from '../../src/middleware/incoming-message.js';

const parts = (rawHeaders: string[], more: Partial<IncomingParts> = {}): IncomingParts => ({
  method: 'GET',
  url: '/a/b?c=1',
  rawHeaders,
  encrypted: false,
  body: undefined,
  ...more,
});

const PROXIED = [
  'Host',
  'internal:8080',
  'X-Forwarded-Host',
  'API.Example, other',
  'X-Forwarded-Proto',
  'https',
];

describe('messageBuilder', () => {
  it('uses Host and the connection scheme, lower case, without the default port', () => {
    const build = messageBuilder({});
    expect(build(parts(['Host', 'App.Example:80'])).targetUri).toBe('http://app.example/a/b?c=1');
    expect(build(parts(['Host', 'app.example:443'], { encrypted: true })).targetUri).toBe(
      'https://app.example/a/b?c=1',
    );
    expect(build(parts(['Host', 'app.example:8443'], { encrypted: true })).targetUri).toBe(
      'https://app.example:8443/a/b?c=1',
    );
  });

  it('ignores X-Forwarded-* unless told to trust them', () => {
    expect(messageBuilder({})(parts(PROXIED)).targetUri).toBe('http://internal:8080/a/b?c=1');
    expect(messageBuilder({ trustProxy: true })(parts(PROXIED)).targetUri).toBe(
      'https://api.example/a/b?c=1',
    );
  });

  it('prefers the configured public origin over everything the request says', () => {
    const build = messageBuilder({ publicUrl: 'https://API.example:443/', trustProxy: true });
    expect(build(parts(PROXIED)).targetUri).toBe('https://api.example/a/b?c=1');
    expect(() => messageBuilder({ publicUrl: 'https://api.example/base' })).toThrow(/no path/);
    expect(() => messageBuilder({ publicUrl: 'api.example' })).toThrow(/absolute URL/);
  });

  it('hands every field over as received, HTTP/2 pseudo-fields aside', () => {
    const message = messageBuilder({}).call(
      null,
      parts([':authority', 'h2.example', ':path', '/a/b?c=1', 'Accept', 'a', 'accept', 'b'], {
        body: new Uint8Array([1]),
      }),
    );
    expect(message).toEqual({
      method: 'GET',
      targetUri: 'http://h2.example/a/b?c=1',
      headers: [
        ['accept', 'a'],
        ['accept', 'b'],
      ],
      body: new Uint8Array([1]),
    });
  });
});
