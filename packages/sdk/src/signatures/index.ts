export type { Ed25519BackendChoice, Ed25519BackendName } from './backend-types.js';
export {
  forgetEd25519Key,
  getEd25519Backend,
  isEd25519BackendAvailable,
  useEd25519Backend,
} from './backend-selection.js';
export { sign } from './sign.js';
export { verify } from './verify.js';
export { verifyBatch, type VerifyBatchItem, type VerifyBatchOptions } from './verify-batch.js';
export {
  hasSmallOrderEncoding,
  isCanonicalPointEncoding,
  isCanonicalScalar,
} from './strict-checks.js';
