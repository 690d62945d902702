import { ValidationError } from '../errors/datafold-error.js';
import type {
  BareItem,
  Dictionary,
  InnerList,
  Item,
  Parameters,
} from './structured-field-types.js';

/** Limits a caller puts on a dictionary before it is parsed further (spec §3 step 1). */
export interface DictionaryLimits {
  /** Most members; one more fails the parse at once. */
  maxMembers?: number;
  /** Most items in any inner list. */
  maxInnerListItems?: number;
}

const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isLcAlpha = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
const isAlpha = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
// RFC 9110 §5.6.2 tchar, plus ':' and '/' which sf-token allows after the first character. Sticky
// (/y): one match from the parser's position takes the whole run, not one test per character.
const TOKEN_REST = /[!#$%&'*+\-.^_`|~0-9A-Za-z:/]*/y;
const KEY_REST = /[a-z0-9_\-.*]*/y;

/**
 * Parses a field value as an RFC 8941 dictionary (§4.2.2), strictly: anything §4.2 says to fail
 * on fails here with INVALID_ARGUMENT and the position. Linear in the input; `limits` stop a
 * hostile field early. Repeated keys overwrite, as §4.2.2 says.
 *
 * @example
 * parseDictionary('sig1=("@method");created=1618884473').get('sig1');
 */
export function parseDictionary(input: string, limits: DictionaryLimits = {}): Dictionary {
  const parser = new Parser(input, limits);
  return parser.parseWhole(() => parser.dictionary());
}

/**
 * Parses a field value as a single RFC 8941 item (§4.2.3), strictly.
 *
 * @example
 * parseItem('"ed25519"').value; // { type: 'string', value: 'ed25519' }
 */
export function parseItem(input: string): Item {
  const parser = new Parser(input, {});
  return parser.parseWhole(() => parser.item());
}

/** One pass over one field value (RFC 8941 §4.2), failing at the first violation. */
class Parser {
  private pos = 0;

  constructor(
    private readonly input: string,
    private readonly limits: DictionaryLimits,
  ) {}

  parseWhole<T>(parse: () => T): T {
    // RFC 8941 §4.2 step 1: a field value that is not ASCII fails.
    if (/[^\x20-\x7e\t]/.test(this.input)) this.fail('only printable ASCII is allowed');
    this.skipSp();
    const result = parse();
    this.skipSp();
    if (this.pos !== this.input.length) this.fail('unexpected characters after the value');
    return result;
  }

  dictionary(): Dictionary {
    const dict: Dictionary = new Map();
    const maxMembers = this.limits.maxMembers ?? Infinity;
    while (this.pos < this.input.length) {
      const key = this.key();
      let member: Item | InnerList;
      if (this.peek() === '=') {
        this.pos++;
        member = this.peek() === '(' ? this.innerList() : this.item();
      } else {
        member = { value: { type: 'boolean', value: true }, params: this.parameters() };
      }
      dict.set(key, member);
      if (dict.size > maxMembers) this.fail(`more than ${maxMembers} members`);
      this.skipOws();
      if (this.pos === this.input.length) return dict;
      if (this.next() !== ',') this.fail('expected "," between members');
      this.skipOws();
      if (this.pos === this.input.length) this.fail('trailing ","');
    }
    return dict;
  }

  innerList(): InnerList {
    this.expect('(');
    const items: Item[] = [];
    const maxItems = this.limits.maxInnerListItems ?? Infinity;
    while (this.pos < this.input.length) {
      this.skipSp();
      if (this.peek() === ')') {
        this.pos++;
        return { items, params: this.parameters() };
      }
      items.push(this.item());
      if (items.length > maxItems) this.fail(`more than ${maxItems} items in an inner list`);
      const c = this.peek();
      if (c !== ' ' && c !== ')') this.fail('expected " " or ")" in an inner list');
    }
    return this.fail('unterminated inner list');
  }

  item(): Item {
    const value = this.bareItem();
    return { value, params: this.parameters() };
  }

  parameters(): Parameters {
    const params: Parameters = new Map();
    while (this.peek() === ';') {
      this.pos++;
      this.skipSp();
      const key = this.key();
      let value: BareItem = { type: 'boolean', value: true };
      if (this.peek() === '=') {
        this.pos++;
        value = this.bareItem();
      }
      params.set(key, value);
    }
    return params;
  }

  key(): string {
    const first = this.peek();
    if (!isLcAlpha(first) && first !== '*') this.fail('a key must start with a-z or "*"');
    const start = this.pos;
    this.pos = this.matchEnd(KEY_REST);
    return this.input.slice(start, this.pos);
  }

  bareItem(): BareItem {
    const c = this.peek();
    if (c === '-' || isDigit(c)) return this.number();
    if (c === '"') return this.string();
    if (c === ':') return this.binary();
    if (c === '?') return this.boolean();
    if (isAlpha(c) || c === '*') return this.token();
    return this.fail('expected an item');
  }

  // RFC 8941 §4.2.4: at most 15 integer digits, or 12 + "." + 1-3 fraction digits.
  number(): BareItem {
    const start = this.pos;
    let sign = 1;
    if (this.peek() === '-') {
      sign = -1;
      this.pos++;
    }
    if (!isDigit(this.peek())) this.fail('expected a digit');
    let digits = '';
    let decimal = false;
    while (this.pos < this.input.length) {
      const c = this.input[this.pos]!;
      if (isDigit(c)) digits += c;
      else if (c === '.' && !decimal) {
        if (digits.length > 12) this.fail('a decimal has more than 12 integer digits');
        decimal = true;
        digits += c;
      } else break;
      this.pos++;
      if (!decimal && digits.length > 15) this.fail('an integer has more than 15 digits');
      if (decimal && digits.length > 16) this.fail('a decimal is too long');
    }
    if (!decimal) return { type: 'integer', value: sign * Number(digits) };
    const fraction = digits.length - digits.indexOf('.') - 1;
    if (fraction < 1 || fraction > 3) {
      this.pos = start;
      this.fail('a decimal needs 1-3 fraction digits');
    }
    return { type: 'decimal', value: sign * Number(digits) };
  }

  string(): BareItem {
    this.expect('"');
    // Fast path: no escape and no tab before the closing quote. parseWhole has already refused
    // everything but printable ASCII and tab, so such a run is the string's value as it stands.
    const close = this.input.indexOf('"', this.pos);
    if (close >= 0) {
      const run = this.input.slice(this.pos, close);
      if (!run.includes('\\') && !run.includes('\t')) {
        this.pos = close + 1;
        return { type: 'string', value: run };
      }
    }
    let out = '';
    while (this.pos < this.input.length) {
      const c = this.input[this.pos++]!;
      if (c === '\\') {
        const escaped = this.input[this.pos++];
        if (escaped !== '"' && escaped !== '\\') this.fail('only \\" and \\\\ may be escaped');
        out += escaped;
      } else if (c === '"') {
        return { type: 'string', value: out };
      } else {
        const code = c.charCodeAt(0);
        if (code < 0x20 || code > 0x7e) this.fail('a string holds only printable ASCII');
        out += c;
      }
    }
    return this.fail('unterminated string');
  }

  token(): BareItem {
    const start = this.pos++;
    this.pos = this.matchEnd(TOKEN_REST);
    return { type: 'token', value: this.input.slice(start, this.pos) };
  }

  // RFC 8941 §4.2.7: padding may be absent and pad bits non-zero (parsers SHOULD NOT fail).
  binary(): BareItem {
    this.expect(':');
    const end = this.input.indexOf(':', this.pos);
    if (end < 0) this.fail('unterminated byte sequence');
    const text = this.input.slice(this.pos, end);
    if (!BASE64_CHARS.test(text)) this.fail('a byte sequence holds base64 only');
    const body = text.replace(/=+$/, '');
    const padding = text.length - body.length;
    if (body.length % 4 === 1 || (padding > 0 && padding !== (4 - (body.length % 4)) % 4)) {
      this.fail('a byte sequence has an impossible base64 length');
    }
    this.pos = end + 1;
    return { type: 'binary', value: decodeBase64Lenient(body) };
  }

  boolean(): BareItem {
    this.expect('?');
    const c = this.next();
    if (c !== '0' && c !== '1') this.fail('a boolean is ?0 or ?1');
    return { type: 'boolean', value: c === '1' };
  }

  /** Where a sticky pattern's match starting at the current position ends. */
  private matchEnd(pattern: RegExp): number {
    pattern.lastIndex = this.pos;
    pattern.test(this.input);
    return pattern.lastIndex;
  }

  private peek(): string | undefined {
    return this.input[this.pos];
  }

  private next(): string | undefined {
    return this.input[this.pos++];
  }

  private expect(c: string): void {
    if (this.next() !== c) this.fail(`expected "${c}"`);
  }

  private skipSp(): void {
    while (this.input[this.pos] === ' ') this.pos++;
  }

  private skipOws(): void {
    while (this.input[this.pos] === ' ' || this.input[this.pos] === '\t') this.pos++;
  }

  private fail(reason: string): never {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `not a structured field value: ${reason} (at ${this.pos})`,
      { position: this.pos },
    );
  }
}

/** Base64 without padding, pad bits ignored (the characters are checked by the caller). */
function decodeBase64Lenient(body: string): Uint8Array {
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    acc = ((acc << 6) | B64_VALUE[body.charCodeAt(i)]!) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
