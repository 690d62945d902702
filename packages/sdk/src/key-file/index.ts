export { decodeKeyFile, type DecodedKeyFile } from './decode-key-file.js';
export {
  deriveKeyFileKey,
  encodeKeyFile,
  sealKeyFile,
  type EncodeKeyFileInput,
  type KeyFileKey,
  type SealKeyFileInput,
} from './encode-key-file.js';
export { parseKeyFile } from './parse-key-file.js';
export { keyFileAssociatedData } from './associated-data.js';
export {
  DEFAULT_KEY_FILE_KDF_PARAMS,
  KEY_FILE_FORMAT,
  KEY_FILE_VERSION,
  MAX_KEY_VERSION,
  type KeyFileDocumentV1,
  type KeyFileHeader,
  type KeyFileMetadata,
} from './types.js';
