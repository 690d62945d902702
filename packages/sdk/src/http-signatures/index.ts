// RFC 9421 signed requests under spec/http-message-signatures-v1.md: the barrel of this folder.
export { checkContentDigest, contentDigest, type ContentDigestProblem } from './content-digest.js';
export type { HttpMessageParts } from './http-message.js';
export {
  ACCEPT_SIGNATURE,
  REQUEST_SIGNATURE_BOUNDS,
  REQUEST_SIGNATURE_LABEL,
  REQUEST_SIGNATURE_TAG,
  REQUEST_SIGNATURE_TIME,
} from './profile.js';
export {
  createMemoryReplayStore,
  type MemoryReplayStoreOptions,
  type ReplayStore,
} from './replay-store.js';
export {
  RequestSignatureError,
  type RequestSignatureErrorCode,
} from './request-signature-error.js';
export { createSignedFetch, signRequest } from './sign-request.js';
export { signatureHeaders, type SignatureHeaders } from './signature-headers.js';
export type { SigningKeyOptions } from './signing-key.js';
export {
  verifyHttpMessage,
  type ResolvedRequestKey,
  type VerifiedRequest,
  type VerifyRequestOptions,
} from './verify-http-message.js';
export { verifyRequest, type VerifyFetchRequestOptions } from './verify-request.js';
