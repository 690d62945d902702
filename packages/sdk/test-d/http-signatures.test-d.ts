// The signed-request surface (spec/http-message-signatures-v1.md), as the other faces and the
// middleware code against it: the shapes are the contract, so a change here is a change for them.
import type {
  DataFoldError,
  REQUEST_SIGNATURE_LABEL,
  REQUEST_SIGNATURE_TAG,
} from '@datafold/js-sdk';
import {
  ACCEPT_SIGNATURE,
  createMemoryReplayStore,
  createSignedFetch,
  RequestSignatureError,
  signatureHeaders,
  signRequest,
  verifyHttpMessage,
  verifyRequest,
  type ErrorCode,
  type HttpMessageParts,
  type ReplayStore,
  type RequestSignatureErrorCode,
  type ResolvedRequestKey,
  type SigningKeyOptions,
  type VerifiedRequest,
  type VerifyRequestOptions,
} from '@datafold/js-sdk';
import { expectTypeOf } from 'vitest';

expectTypeOf<typeof REQUEST_SIGNATURE_TAG>().toEqualTypeOf<'datafold-request-v1'>();
expectTypeOf<typeof REQUEST_SIGNATURE_LABEL>().toEqualTypeOf<'datafold'>();
expectTypeOf(ACCEPT_SIGNATURE).toExtend<string>();

// Signing: parts or a Fetch Request, a seed or a CryptoKey.
declare const seed: Uint8Array;
declare const cryptoKey: CryptoKey;
const parts: HttpMessageParts = { method: 'GET', targetUri: 'https://a.example/', headers: {} };
expectTypeOf(signatureHeaders(parts, { clientId: 'c', privateKey: seed })).resolves.toEqualTypeOf<{
  'signature-input': string;
  signature: string;
  'content-digest'?: string;
}>();
expectTypeOf(
  signRequest(new Request('https://a.example/'), { clientId: 'c', cryptoKey }),
).resolves.toEqualTypeOf<Request>();
expectTypeOf(createSignedFetch({ clientId: 'c', privateKey: seed })).toEqualTypeOf<typeof fetch>();
expectTypeOf<SigningKeyOptions['now']>().toEqualTypeOf<(() => number) | undefined>();
// @ts-expect-error: clientId is required
void signRequest(new Request('https://a.example/'), { privateKey: seed });

// Verifying: the resolver's answers, the store, the result.
expectTypeOf<ResolvedRequestKey['status']>().toEqualTypeOf<'active' | 'inactive' | 'unknown'>();
const store: ReplayStore = createMemoryReplayStore({ maxEntries: 10 });
expectTypeOf(store.remember('k', 1)).resolves.toEqualTypeOf<'new' | 'seen'>();
const options: VerifyRequestOptions = {
  resolveKey: () => Promise.resolve({ status: 'unknown' }),
  replayStore: store,
};
expectTypeOf(verifyHttpMessage(parts, options)).resolves.toEqualTypeOf<VerifiedRequest>();
expectTypeOf(
  verifyRequest(new Request('https://a.example/'), { ...options, publicUrl: 'https://a.example' }),
).resolves.toEqualTypeOf<VerifiedRequest>();
expectTypeOf<VerifiedRequest['expires']>().toEqualTypeOf<number | undefined>();

// Refusals: a DataFoldError whose code is one of the twelve registry codes.
expectTypeOf<RequestSignatureError>().toExtend<DataFoldError>();
expectTypeOf<RequestSignatureErrorCode>().toExtend<ErrorCode>();
expectTypeOf<'REQUEST_SIGNATURE_REPLAYED'>().toExtend<RequestSignatureErrorCode>();
expectTypeOf<'REPLAY_STORE_UNAVAILABLE'>().toExtend<RequestSignatureErrorCode>();
expectTypeOf<'KEY_NOT_FOUND'>().not.toExtend<RequestSignatureErrorCode>();
expectTypeOf<RequestSignatureError['headers']>().toEqualTypeOf<Record<string, string>>();
// @ts-expect-error: not a signed-request code
new RequestSignatureError('KEY_NOT_FOUND', 'no');
