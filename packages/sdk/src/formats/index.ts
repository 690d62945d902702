export { formatKey, type FormatKeyOptions } from './format-key.js';
export type { Ed25519Jwk } from './jwk.js';
export { KEY_FORMATS, type KeyFormat, type KeyType } from './key-format.js';
export { parseKey, parseKeyDetailed, type ParsedKey, type ParseKeyOptions } from './parse-key.js';
