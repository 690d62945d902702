// The server client's types: what createServerIntegration returns, what each call takes and
// answers, and that a verification result is a union to check, not a yes.
import type { ServerIntegrationError } from '@datafold/js-sdk';
import {
  createServerIntegration,
  type ConnectionResult,
  type Ed25519CryptoKeyPair,
  type Ed25519KeyPair,
  type MessageEncoding,
  type PublicKeyRegistration,
  type RegistrationOptions,
  type RegistrationStatus,
  type RejectedSignature,
  type RevocationResult,
  type RevokeRegistrationRequest,
  type RotateRegistrationRequest,
  type RotationRegistration,
  type ServerConfig,
  type ServerIntegration,
  type SigningKeyPair,
  type SignatureResult,
  type SignatureVerificationResult,
  type VerificationRequest,
  type VerifiedSignature,
  type WorkflowResult,
} from '@datafold/js-sdk';
import { expectTypeOf } from 'vitest';

expectTypeOf(createServerIntegration).parameters.toEqualTypeOf<[config: ServerConfig]>();
expectTypeOf(createServerIntegration).returns.toEqualTypeOf<ServerIntegration>();
expectTypeOf<ServerIntegration['baseUrl']>().toEqualTypeOf<string>();

expectTypeOf<ServerIntegration['testConnection']>().returns.toEqualTypeOf<
  Promise<ConnectionResult>
>();
// A seed pair or a CryptoKey pair (the non-extractable store's keys) registers alike.
expectTypeOf<ServerIntegration['registerKeyPair']>().parameters.toEqualTypeOf<
  [keyPair: SigningKeyPair, options?: RegistrationOptions]
>();
expectTypeOf<SigningKeyPair>().toEqualTypeOf<Ed25519KeyPair | Ed25519CryptoKeyPair>();
expectTypeOf<ServerIntegration['registerKeyPair']>().returns.toEqualTypeOf<
  Promise<PublicKeyRegistration>
>();
expectTypeOf<ServerIntegration['checkRegistrationStatus']>().returns.toEqualTypeOf<
  Promise<RegistrationStatus>
>();
expectTypeOf<RegistrationStatus>().toExtend<PublicKeyRegistration>();
expectTypeOf<ServerIntegration['generateSignature']>().returns.toEqualTypeOf<
  Promise<SignatureResult>
>();
expectTypeOf<ServerIntegration['verifySignature']>().parameters.toEqualTypeOf<
  [request: VerificationRequest]
>();
expectTypeOf<ServerIntegration['verifySignature']>().returns.toEqualTypeOf<
  Promise<SignatureVerificationResult>
>();
expectTypeOf<ServerIntegration['registerAndVerifyWorkflow']>().returns.toEqualTypeOf<
  Promise<WorkflowResult>
>();
expectTypeOf<ServerIntegration['rotateRegistration']>().parameters.toEqualTypeOf<
  [request: RotateRegistrationRequest]
>();
expectTypeOf<ServerIntegration['rotateRegistration']>().returns.toEqualTypeOf<
  Promise<RotationRegistration>
>();
expectTypeOf<ServerIntegration['revokeRegistration']>().parameters.toEqualTypeOf<
  [request: RevokeRegistrationRequest]
>();
expectTypeOf<ServerIntegration['revokeRegistration']>().returns.toEqualTypeOf<
  Promise<RevocationResult>
>();

// Inputs: encodings are a closed set; a signature is hex text or bytes.
expectTypeOf<MessageEncoding>().toEqualTypeOf<'utf8' | 'hex' | 'base64'>();
expectTypeOf<VerificationRequest['signature']>().toEqualTypeOf<string | Uint8Array>();
expectTypeOf<VerificationRequest['messageEncoding']>().toEqualTypeOf<MessageEncoding | undefined>();

// A verification result is discriminated by `verified`: only a check narrows it to a yes.
expectTypeOf<SignatureVerificationResult>().toEqualTypeOf<VerifiedSignature | RejectedSignature>();
expectTypeOf<VerifiedSignature['verified']>().toEqualTypeOf<true>();
expectTypeOf<RejectedSignature['verified']>().toEqualTypeOf<false>();
expectTypeOf<RejectedSignature['publicKey']>().toEqualTypeOf<null>();
expectTypeOf<RejectedSignature['error']['code']>().toEqualTypeOf<'SIGNATURE_VERIFICATION_FAILED'>();
declare const result: SignatureVerificationResult;
if (result.verified) expectTypeOf(result.publicKey).toEqualTypeOf<string>();
else expectTypeOf(result.error.message).toEqualTypeOf<string>();
// @ts-expect-error: publicKey is null on a refusal: not a string until `verified` is checked
expectTypeOf(result.publicKey).toEqualTypeOf<string>();

// Failures that are not a refusal throw ServerIntegrationError, whose status is a number.
expectTypeOf<ServerIntegrationError['httpStatus']>().toEqualTypeOf<number>();
expectTypeOf<ServerIntegrationError['fromServer']>().toEqualTypeOf<boolean>();
