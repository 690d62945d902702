export { base64ToBytes, base64UrlToBytes, bytesToBase64, bytesToBase64Url } from './base64.js';
export { concatBytes, constantTimeEqual, isBytes, wipe } from './bytes.js';
export { bytesToHex, hexToBytes, isHex } from './hex.js';
export { bytesToUtf8, utf8ToBytes } from './utf8.js';
export {
  codePointLength,
  hasLoneSurrogate,
  isCleanText,
  TEXT_PATTERN,
  wellFormed,
} from './text-rules.js';
