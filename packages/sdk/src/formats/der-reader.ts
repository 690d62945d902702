import { Ed25519KeyError } from '../errors/datafold-error.js';

/** One DER element (X.690 §8.1): its identifier octet and a view of its contents. */
export interface DerElement {
  tag: number;
  contents: Uint8Array;
}

/** DER tags used by PKCS#8 (RFC 5958) and SPKI (RFC 5280 §4.1.2.7). */
export const DER_TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  CONTEXT_0_CONSTRUCTED: 0xa0,
  CONTEXT_1_PRIMITIVE: 0x81,
} as const;

function malformed(what: string, problem: string): Ed25519KeyError {
  return new Ed25519KeyError('INVALID_KEY_FORMAT', `${what} is not valid DER: ${problem}`);
}

/**
 * A strict reader of the DER subset key files use (X.690 §10): low tag numbers, definite lengths
 * in their shortest form, nothing left over. BER leniencies are refused, so one key has one
 * encoding and hostile input cannot make us read past a boundary. Errors are INVALID_KEY_FORMAT and
 * never quote the bytes.
 *
 * @example
 * const outer = new DerReader(der, 'PKCS#8');
 * const info = outer.sequence();
 * outer.finish();
 */
export class DerReader {
  private offset: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
    start = 0,
    private readonly end = bytes.length,
  ) {
    this.offset = start;
  }

  /** True when every byte has been read. */
  get done(): boolean {
    return this.offset >= this.end;
  }

  /** The identifier octet of the next element, or undefined at the end. */
  peekTag(): number | undefined {
    return this.done ? undefined : this.bytes[this.offset];
  }

  /** Reads the next element of any tag. */
  read(): DerElement {
    if (this.done) throw malformed(this.what, 'it ends where another element was expected');
    const tag = this.bytes[this.offset++]!;
    if ((tag & 0x1f) === 0x1f)
      throw malformed(this.what, 'high tag numbers are not used in key files');
    if (this.done) throw malformed(this.what, 'an element has no length');
    const first = this.bytes[this.offset++]!;
    let length: number;
    if (first < 0x80) {
      length = first;
    } else {
      const count = first & 0x7f;
      if (count === 0) throw malformed(this.what, 'indefinite lengths are not DER');
      if (count > 3) throw malformed(this.what, 'an element is too long for a key file');
      if (this.offset + count > this.end) throw malformed(this.what, 'a length runs past the end');
      length = 0;
      for (let i = 0; i < count; i++) length = (length << 8) | this.bytes[this.offset++]!;
      // X.690 §10.1: the shortest form, so no leading zero byte and no long form below 128.
      if (length < 0x80 || length < 1 << (8 * (count - 1))) {
        throw malformed(this.what, 'a length is not in its shortest form');
      }
    }
    if (length > this.end - this.offset) throw malformed(this.what, 'an element runs past the end');
    const contents = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return { tag, contents };
  }

  /** Reads the next element and checks its tag. */
  expect(tag: number, name: string): DerElement {
    const element = this.read();
    if (element.tag !== tag) {
      throw malformed(
        this.what,
        `expected ${name} (tag 0x${tag.toString(16)}), found tag 0x${element.tag.toString(16)}`,
      );
    }
    return element;
  }

  /** Reads a SEQUENCE and returns a reader over its contents. */
  sequence(name = 'SEQUENCE'): DerReader {
    const { contents } = this.expect(DER_TAG.SEQUENCE, name);
    return new DerReader(contents, this.what);
  }

  /** Reads a non-negative INTEGER small enough for a version number. */
  smallInteger(name: string): number {
    const { contents } = this.expect(DER_TAG.INTEGER, name);
    if (contents.length === 0 || contents.length > 4)
      throw malformed(this.what, `${name} has a bad length`);
    if (contents[0]! & 0x80) throw malformed(this.what, `${name} is negative`);
    if (contents.length > 1 && contents[0] === 0 && !(contents[1]! & 0x80)) {
      throw malformed(this.what, `${name} is not in its shortest form`);
    }
    let value = 0;
    for (const byte of contents) value = value * 256 + byte;
    return value;
  }

  /** Reads an OBJECT IDENTIFIER as dotted decimal (X.690 §8.19). */
  oid(name: string): string {
    const { contents } = this.expect(DER_TAG.OID, name);
    if (contents.length === 0) throw malformed(this.what, `${name} is empty`);
    const arcs: number[] = [];
    let value = 0;
    let started = false;
    for (const byte of contents) {
      if (!started && byte === 0x80)
        throw malformed(this.what, `${name} has a padded sub-identifier`);
      started = true;
      if (value > 0x1ffffff)
        throw malformed(this.what, `${name} has a sub-identifier that is too large`);
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) {
        arcs.push(value);
        value = 0;
        started = false;
      }
    }
    if (started) throw malformed(this.what, `${name} ends inside a sub-identifier`);
    const head = arcs.shift()!;
    const firstArc = head < 40 ? 0 : head < 80 ? 1 : 2;
    return [firstArc, head - firstArc * 40, ...arcs].join('.');
  }

  /** Throws unless every byte has been read. */
  finish(): void {
    if (!this.done) throw malformed(this.what, 'unexpected bytes after the end');
  }
}
