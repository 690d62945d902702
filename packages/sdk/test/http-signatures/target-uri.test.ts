import { describe, expect, it } from 'vitest';
import { sentTargetUri, targetUriParts } from '../../src/http-signatures/target-uri.js';

describe('sentTargetUri', () => {
  it.each([
    ['https://api.example/orders?draft=1#top', 'https://api.example/orders?draft=1'],
    ['https://api.example/orders#', 'https://api.example/orders'],
    ['https://api.example/a?q=%23#frag#more', 'https://api.example/a?q=%23'],
    ['HTTPS://API.example:443/a b', 'https://api.example/a%20b'],
    ['https://api.example', 'https://api.example/'],
  ])('sends %s as %s: what Fetch puts on the wire, without the fragment', (given, sent) => {
    expect(sentTargetUri(given)).toBe(sent);
    expect(targetUriParts(sentTargetUri(given)).targetUri).toBe(sent);
  });

  it('refuses a URI that is not absolute', () => {
    expect(() => sentTargetUri('/orders')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
