/**
 * The choices spec/http-message-signatures-v1.md fixes where RFC 9421 leaves them open: one home
 * for every constant of the profile, read by the signer, the verifier and the tests.
 */

/** The `tag` parameter that names this profile (spec §2); verifiers find our signature by it. */
export const REQUEST_SIGNATURE_TAG = 'datafold-request-v1';

/** The label our signers use in `Signature-Input` and `Signature` (spec §2). */
export const REQUEST_SIGNATURE_LABEL = 'datafold';

/** The only `alg` a verifier accepts, and the one our signers send (spec §2). */
export const REQUEST_SIGNATURE_ALG = 'ed25519';

/**
 * The `Accept-Signature` value of every 401 refusal (spec §4, RFC 9421 §5.1).
 *
 * @example
 * reply.header('accept-signature', ACCEPT_SIGNATURE);
 */
export const ACCEPT_SIGNATURE = `${REQUEST_SIGNATURE_LABEL}=("@method" "@target-uri" "content-digest");tag="${REQUEST_SIGNATURE_TAG}";alg="${REQUEST_SIGNATURE_ALG}"`;

/** Size bounds checked before anything else (spec §3 step 1). */
export const REQUEST_SIGNATURE_BOUNDS = {
  /** Characters (= bytes: the fields are ASCII) of `Signature-Input` and of `Signature`. */
  maxFieldLength: 8192,
  /** Members of each of the two dictionaries. */
  maxMembers: 8,
  /** Covered components of one signature. */
  maxComponents: 32,
  /** Characters of one component identifier. */
  maxIdentifierLength: 128,
} as const;

/** Time limits in seconds (spec §3 step 6), with their defaults and allowed ranges. */
export const REQUEST_SIGNATURE_TIME = {
  defaultMaxAge: 300,
  maxAgeRange: [1, 3600],
  defaultClockSkew: 30,
  clockSkewRange: [0, 300],
  /** Our signers' `expires` is `created` plus this (spec §2). */
  defaultExpiresIn: 60,
} as const;

/** A verifier's nonce rule (spec §2): 22-128 characters of this set, i.e. at least 128 bits. */
export const NONCE_PATTERN = /^[A-Za-z0-9+/=_\-.]{22,128}$/;

/** Random bytes in a nonce our signers make: 16 bytes, 22 base64url characters. */
export const NONCE_BYTES = 16;

/** The derived components a verifier supports (spec §2.1, RFC 9421 §2.2). */
export const DERIVED_COMPONENTS: ReadonlySet<string> = new Set([
  '@method',
  '@target-uri',
  '@authority',
  '@scheme',
  '@request-target',
  '@path',
  '@query',
]);
