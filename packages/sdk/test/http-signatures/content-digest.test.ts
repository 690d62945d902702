import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src/encoding/base64.js';
import { utf8ToBytes } from '../../src/encoding/utf8.js';
import { checkContentDigest, contentDigest } from '../../src/http-signatures/content-digest.js';

const body = utf8ToBytes('{"hello": "world"}');
const sha512Field = `sha-512=:${bytesToBase64(sha512(body))}:`;

describe('Content-Digest (RFC 9530, spec §2.2)', () => {
  it('writes sha-256 as RFC 9530 Appendix B shows it', () => {
    expect(contentDigest(body)).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
    expect(contentDigest(new Uint8Array(0))).toBe(
      'sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:',
    );
  });

  it('accepts sha-256, sha-512, both, and ignores algorithms it does not know', () => {
    expect(checkContentDigest(contentDigest(body), body)).toBeUndefined();
    expect(checkContentDigest(sha512Field, body)).toBeUndefined();
    expect(
      checkContentDigest(`unixsum=:AAAA:, ${sha512Field}, ${contentDigest(body)}`, body),
    ).toBeUndefined();
  });

  it('refuses a mismatch in any supported algorithm, and a field with none of them', () => {
    expect(checkContentDigest(contentDigest(utf8ToBytes('x')), body)).toBe('mismatch');
    expect(
      checkContentDigest(
        `${contentDigest(body)}, sha-512=:${bytesToBase64(new Uint8Array(64))}:`,
        body,
      ),
    ).toBe('mismatch');
    expect(checkContentDigest('md5=:AAAAAAAAAAAAAAAAAAAAAA==:', body)).toBe(
      'no-supported-algorithm',
    );
    expect(checkContentDigest('', body)).toBe('no-supported-algorithm');
  });

  it('refuses a field that is not a dictionary of byte sequences', () => {
    expect(checkContentDigest('sha-256=abc', body)).toBe('unparsable');
    expect(checkContentDigest('sha-256=("x")', body)).toBe('unparsable');
    expect(checkContentDigest('sha-256=:X48E9q', body)).toBe('unparsable');
  });
});
