import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatKey,
  KEY_FORMATS,
  parseKey,
  parseKeyDetailed,
  type KeyFormat,
} from '../../src/formats/index.js';
import { keyPairFromSeed } from '../../src/keys/index.js';

const key32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));
// RFC 8037 Appendix A.1 (= RFC 8032 TEST 1).
const SEED = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const PUBLIC = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');

describe('round trips', () => {
  it.each(['hex', 'base64', 'uint8array'] as KeyFormat[])(
    '%s: parse(format(k)) = k for any 32 bytes',
    (format) => {
      fc.assert(
        fc.property(key32, (key) => {
          expect(parseKey(formatKey(key, format), format)).toEqual(key);
        }),
      );
    },
  );

  it.each(['pem', 'jwk'] as KeyFormat[])(
    '%s: private and public keys round-trip with their type',
    async (format) => {
      await fc.assert(
        fc.asyncProperty(key32, async (seed) => {
          const pair = await keyPairFromSeed(seed);
          const privateText = formatKey(pair, format);
          expect(parseKeyDetailed(privateText, format)).toEqual({
            key: seed,
            keyType: 'private',
            publicKey: pair.publicKey,
          });
          expect(formatKey(seed, format, { keyType: 'private' })).toBe(privateText);
          const publicText = formatKey(pair.publicKey, format, { keyType: 'public' });
          expect(parseKeyDetailed(publicText, format)).toEqual({
            key: pair.publicKey,
            keyType: 'public',
            publicKey: pair.publicKey,
          });
          expect(formatKey(pair, format, { keyType: 'public' })).toBe(publicText);
        }),
        { numRuns: 25 },
      );
    },
  );

  it('writes the documented shapes', () => {
    expect(formatKey(PUBLIC, 'hex')).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
    expect(formatKey(PUBLIC, 'base64')).toBe('11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=');
    const copy = formatKey(PUBLIC, 'uint8array');
    expect(copy).toEqual(PUBLIC);
    expect(copy).not.toBe(PUBLIC);
    expect(JSON.parse(formatKey({ privateKey: SEED, publicKey: PUBLIC }, 'jwk'))).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
      x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
    });
    expect(formatKey(PUBLIC, 'pem', { keyType: 'public' })).toBe(
      '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n',
    );
  });

  it('reads hex in either case and PEM with CRLF and surrounding text', () => {
    expect(parseKey(formatKey(PUBLIC, 'hex').toUpperCase(), 'hex')).toEqual(PUBLIC);
    const pem = formatKey(PUBLIC, 'pem', { keyType: 'public' }).replace(/\n/g, '\r\n');
    expect(parseKey(`Ed25519 key of the test server:\r\n${pem}trailing notes`, 'pem')).toEqual(
      PUBLIC,
    );
  });
});

describe('coded errors', () => {
  const pair = { privateKey: SEED, publicKey: PUBLIC };

  it('unknown formats are UNSUPPORTED_FORMAT', () => {
    expect(KEY_FORMATS).toEqual(['hex', 'base64', 'uint8array', 'pem', 'jwk']);
    expect(() => formatKey(PUBLIC, 'der' as never)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_FORMAT' }),
    );
    expect(() => parseKey('00', 'base58' as never)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_FORMAT' }),
    );
  });

  it("formatKey(keyPair.privateKey, 'pem') as the document writes it names the calls that work", () => {
    // 32 bare bytes do not say which half they are; guessing could write a seed as a "public"
    // key, so the SDK asks (as the Python SDK does), and each call in the message works.
    const keyPair = pair;
    for (const format of ['pem', 'jwk'] as const) {
      let message = '';
      try {
        formatKey(keyPair.privateKey, format);
      } catch (e) {
        message = (e as Error).message;
      }
      // Each call the message names, applied as written.
      const calls = [
        ...message.matchAll(
          /formatKey\(keyPair(\.privateKey|\.publicKey)?, '(\w+)'(?:, \{ keyType: '(\w+)' \})?\)/g,
        ),
      ].map(([, half, fmt, keyType]) =>
        formatKey(
          half === '.privateKey'
            ? keyPair.privateKey
            : half === '.publicKey'
              ? keyPair.publicKey
              : keyPair,
          fmt as typeof format,
          keyType === undefined ? {} : { keyType: keyType as 'private' | 'public' },
        ),
      );
      expect(calls).toEqual([
        formatKey(keyPair, format),
        formatKey(keyPair, format, { keyType: 'public' }),
        formatKey(keyPair, format),
      ]);
    }
  });

  it('formatKey refuses ambiguous or malformed keys', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(codeOf(() => formatKey(PUBLIC, 'pem'))).toBe('INVALID_ARGUMENT'); // needs keyType
    expect(codeOf(() => formatKey(PUBLIC, 'jwk'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatKey(pair as never, 'hex'))).toBe('INVALID_ARGUMENT'); // pass one half
    expect(codeOf(() => formatKey(new Uint8Array(31), 'hex'))).toBe('INVALID_KEY_FORMAT');
    expect(codeOf(() => formatKey(new Uint8Array(64), 'pem', { keyType: 'private' }))).toBe(
      'INVALID_KEY_FORMAT',
    );
    expect(codeOf(() => formatKey('abc' as never, 'base64'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatKey(PUBLIC, 'pem', { keyType: 'secret' as never }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      codeOf(() => formatKey({ privateKey: SEED, publicKey: new Uint8Array(32) }, 'pem')),
    ).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => formatKey(42 as never, 'jwk', { keyType: 'public' }))).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it.each([
    ['hex, odd length', 'abc', 'hex'],
    ['hex, 31 bytes', '00'.repeat(31), 'hex'],
    ['hex, 0x prefix', '0x' + '00'.repeat(31), 'hex'],
    ['hex, not a string', new Uint8Array(32), 'hex'],
    ['base64, unpadded', '11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo', 'base64'],
    ['base64, url alphabet', '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=', 'base64'],
    ['base64, 33 bytes', Buffer.alloc(33).toString('base64'), 'base64'],
    ['uint8array, 33 bytes', new Uint8Array(33), 'uint8array'],
    ['uint8array, a string', 'ab', 'uint8array'],
    ['pem, a Uint8Array', new Uint8Array(32), 'pem'],
    ['pem, two keys', formatKey(PUBLIC, 'pem', { keyType: 'public' }).repeat(2), 'pem'],
    [
      'pem, encrypted PKCS#8',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n',
      'pem',
    ],
    [
      'pem, OpenSSH',
      '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
      'pem',
    ],
    ['pem, certificate', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', 'pem'],
    [
      'pem, DER with indefinite length',
      '-----BEGIN PUBLIC KEY-----\nMIA=\n-----END PUBLIC KEY-----\n',
      'pem',
    ],
    ['pem, empty body', '-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n', 'pem'],
    ['jwk, an array', '[]', 'jwk'],
    ['jwk, Uint8Array', new Uint8Array(32), 'jwk'],
    ['jwk, no kty', { crv: 'Ed25519', x: '' }, 'jwk'],
    ['jwk, OKP without crv', { kty: 'OKP', x: '' }, 'jwk'],
    [
      'jwk, wrong alg',
      {
        kty: 'OKP',
        crv: 'Ed25519',
        alg: 'ES256',
        x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
      },
      'jwk',
    ],
  ] as [string, unknown, KeyFormat][])(
    'parseKey refuses %s with INVALID_KEY_FORMAT',
    (_, data, format) => {
      expect(() => parseKey(data as never, format)).toThrow(
        expect.objectContaining({ code: 'INVALID_KEY_FORMAT' }),
      );
    },
  );

  it('a key of the other type than asked for is INVALID_KEY_FORMAT', () => {
    const privatePem = formatKey(pair, 'pem');
    expect(() => parseKey(privatePem, 'pem', { keyType: 'public' })).toThrow(
      /expected a public key/,
    );
    const publicJwk = formatKey(PUBLIC, 'jwk', { keyType: 'public' });
    expect(() => parseKey(publicJwk, 'jwk', { keyType: 'private' })).toThrow(
      expect.objectContaining({ code: 'INVALID_KEY_FORMAT' }),
    );
    expect(() => parseKey(publicJwk, 'jwk', { keyType: 'other' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('never puts key material in messages', () => {
    const seedHex = Buffer.from(SEED).toString('hex');
    const attempts: (() => unknown)[] = [
      () => parseKey(seedHex + 'zz', 'hex'),
      () => parseKey(seedHex.slice(2), 'hex'),
      () =>
        parseKey(
          {
            kty: 'OKP',
            crv: 'Ed25519',
            d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
            x: 'AAAA',
          },
          'jwk',
        ),
      () =>
        parseKey(
          formatKey(pair, 'pem').replace('PRIVATE KEY-----\n', 'PRIVATE KEY-----\n!'),
          'pem',
        ),
    ];
    for (const attempt of attempts) {
      let message = '';
      try {
        attempt();
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(seedHex.slice(0, 16));
      expect(message).not.toContain('nWGxne');
    }
  });
});
