/**
 * What free text may hold wherever DataFold stores or signs it (names, reasons, labels): no C0 or
 * C1 control characters, NUL included — they could forge a line of a signed statement, and
 * PostgreSQL cannot store NUL — as a JSON Schema pattern (the server's request schemas and
 * OpenAPI document read it from here).
 */
export const TEXT_PATTERN = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';

const TEXT = new RegExp(TEXT_PATTERN, 'u');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * True when `value` holds no control character ({@link TEXT_PATTERN}).
 *
 * @example
 * isCleanText('scheduled rotation'); // true
 * isCleanText('a\u0000b'); // false
 */
export function isCleanText(value: string): boolean {
  return TEXT.test(value);
}

/**
 * True when `value` holds a UTF-16 surrogate that is not half of a pair: no UTF-8 can carry it.
 *
 * @example
 * hasLoneSurrogate('a\ud800'); // true
 */
export function hasLoneSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

/**
 * `value` with every lone surrogate replaced by U+FFFD: what TextEncoder, and the UTF-8 of every
 * database, make of it anyway, so the text stored, signed over and compared is the text held.
 *
 * @example
 * wellFormed('a\ud800'); // 'a\ufffd'
 */
export function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATES, '\ufffd');
}

/**
 * The length of `value` in code points, as JSON Schema's maxLength counts it (an emoji is one).
 *
 * @example
 * codePointLength('a😀'); // 2
 */
export function codePointLength(value: string): number {
  // Each pair of surrogates is one code point: count the units, less one per pair.
  const pairs = value.match(/[\ud800-\udbff][\udc00-\udfff]/g);
  return value.length - (pairs?.length ?? 0);
}
