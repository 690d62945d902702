import { utf8ToBytes } from '../encoding/utf8.js';
import { DataFoldError, ValidationError } from '../errors/datafold-error.js';
import { verifyNowOrLater } from '../signatures/verify.js';
import { resolveKeyNowOrLater } from './cached-key-answers.js';
import { checkContentDigest } from './content-digest.js';
import { fieldsOf, hasContent, type HttpMessageParts } from './http-message.js';
import { REQUEST_SIGNATURE_BOUNDS, REQUEST_SIGNATURE_TIME } from './profile.js';
import { andThen, isPromised, type NowOrLater } from './now-or-later.js';
import { rememberNowOrLater, type ReplayStore } from './replay-store.js';
import {
  REPLAY_STORE_RETRY_AFTER_SECONDS,
  RequestSignatureError,
} from './request-signature-error.js';
import { missingCoverage } from './required-coverage.js';
import { assertComponentName, componentIdentifier, signatureBase } from './signature-base.js';
import { checkFreshness } from './signature-freshness.js';
import { selectSignature, type SelectedSignature } from './signature-parameters.js';
import { parseDictionary } from './structured-field-parse.js';
import type { Dictionary } from './structured-field-types.js';
import { targetUriParts } from './target-uri.js';

/** What a verifier learns about a `keyid` (spec §3 step 8). */
export type ResolvedRequestKey =
  { status: 'active'; publicKey: Uint8Array } | { status: 'inactive' } | { status: 'unknown' };

/** How a verifier checks a signed request (spec §3). */
export interface VerifyRequestOptions {
  /** The client's registration: its active public key, or why there is none. */
  resolveKey(clientId: string): Promise<ResolvedRequestKey>;
  replayStore: ReplayStore;
  /** Seconds; default 300, 1..3600. */
  maxAge?: number;
  /** Seconds; default 30, 0..300. */
  clockSkew?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

/** The answer to a verified request (spec §3): who signed it and what the signature covers. */
export interface VerifiedRequest {
  clientId: string;
  publicKey: Uint8Array;
  label: string;
  coveredComponents: string[];
  created: number;
  expires?: number;
  nonce: string;
}

const EMPTY = new Uint8Array(0);

/**
 * Verifies a signed request described by its parts, running the checks of spec §3 in their
 * order and throwing a {@link RequestSignatureError} with the code of the first that fails.
 * Nothing is looked up before the request is well formed, fresh and its content matches its
 * digest; the nonce is recorded only for a valid signature, and a replay store that cannot
 * record it fails the request (REPLAY_STORE_UNAVAILABLE), never passes it.
 *
 * @example
 * const { clientId } = await verifyHttpMessage(
 *   { method: 'POST', targetUri: 'https://api.example/orders', headers, body },
 *   { resolveKey, replayStore: createMemoryReplayStore() },
 * );
 */
export async function verifyHttpMessage(
  message: HttpMessageParts,
  options: VerifyRequestOptions,
): Promise<VerifiedRequest> {
  return verifyHttpMessageNowOrLater(message, options);
}

/**
 * {@link verifyHttpMessage}, the same checks in the same order, answered without a promise when
 * nothing waits: the key answer cached by the resolver (cached-key-answers.ts), the nonce recorded
 * in a memory store, the signature checked on the calling thread. Otherwise it continues when the
 * answer arrives. Throws synchronously where `verifyHttpMessage` rejects. @internal
 */
export function verifyHttpMessageNowOrLater(
  message: HttpMessageParts,
  options: VerifyRequestOptions,
): NowOrLater<VerifiedRequest> {
  const { maxAge, clockSkew, now } = verifierSettings(options);
  const uri = targetUriParts(message.targetUri);
  const fields = fieldsOf(message.headers);
  const body = message.body ?? EMPTY;

  // Steps 1-4: bounds, parsing, our signature, its parameters.
  const selected = selectSignature(
    parseField(fields.get('signature-input'), 'Signature-Input'),
    parseField(fields.get('signature'), 'Signature'),
  );

  // Step 5: coverage, then the components' values (the signature base, used in step 9).
  const covered = coveredIdentifiers(selected);
  const withContent = hasContent(fields, body);
  const missing = missingCoverage(covered, withContent);
  if (missing !== undefined) {
    throw new RequestSignatureError(
      'REQUEST_SIGNATURE_INSUFFICIENT_COVERAGE',
      `the signature must also cover ${missing}`,
      { covered },
    );
  }
  const base = malformedOnInvalid(() =>
    signatureBase(selected.signatureParams, {
      method: message.method.toUpperCase(),
      uri,
      fields,
    }),
  );

  // Step 6: time.
  checkFreshness(
    selected,
    Math.floor(now() / 1000),
    maxAge,
    clockSkew,
    options.replayStore.notBefore,
  );

  // Step 7: the content against its digest, before any key is looked up.
  const digestField = fields.get('content-digest');
  if (digestField !== undefined) {
    const problem = checkContentDigest(digestField, body);
    if (problem !== undefined) {
      throw new RequestSignatureError(
        'CONTENT_DIGEST_MISMATCH',
        problem === 'mismatch'
          ? 'the content does not match its Content-Digest'
          : problem === 'no-supported-algorithm'
            ? 'Content-Digest lists no supported algorithm (sha-256, sha-512)'
            : 'Content-Digest is not a dictionary of byte sequences',
        { problem },
      );
    }
  }

  // Step 8: the key.
  return andThen(resolveKeyNowOrLater(options, selected.keyid), (key) => {
    if (key.status === 'unknown') {
      throw new RequestSignatureError(
        'REQUEST_SIGNATURE_UNKNOWN_KEY',
        'keyid names no registered client',
      );
    }
    if (key.status !== 'active') {
      throw new RequestSignatureError(
        'REQUEST_SIGNATURE_INACTIVE_KEY',
        "the client's registration is not active (revoked or superseded)",
      );
    }

    // Step 9: the signature.
    return andThen(
      verifyNowOrLater(selected.signature, utf8ToBytes(base), key.publicKey),
      (valid) => {
        if (!valid) {
          throw new RequestSignatureError(
            'REQUEST_SIGNATURE_INVALID',
            "the signature does not verify with the client's active key",
          );
        }

        // Step 10: the nonce, recorded until the signature could no longer pass step 6.
        return andThen(
          rememberNonce(
            options.replayStore,
            selected,
            (selected.created + maxAge + clockSkew) * 1000,
          ),
          () => {
            const verified: VerifiedRequest = {
              clientId: selected.keyid,
              publicKey: key.publicKey,
              label: selected.label,
              coveredComponents: covered,
              created: selected.created,
              nonce: selected.nonce,
            };
            if (selected.expires !== undefined) verified.expires = selected.expires;
            return verified;
          },
        );
      },
    );
  });
}

/** Steps 1-2 for one field: bounded, then parsed strictly. An absent field is an empty dictionary. */
function parseField(value: string | undefined, name: string): Dictionary {
  if (value === undefined) return new Map();
  if (value.length > REQUEST_SIGNATURE_BOUNDS.maxFieldLength) {
    throw new RequestSignatureError(
      'REQUEST_SIGNATURE_MALFORMED',
      `${name} is longer than ${REQUEST_SIGNATURE_BOUNDS.maxFieldLength} bytes`,
    );
  }
  try {
    return parseDictionary(value, {
      maxMembers: REQUEST_SIGNATURE_BOUNDS.maxMembers,
      maxInnerListItems: REQUEST_SIGNATURE_BOUNDS.maxComponents,
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new RequestSignatureError(
      'REQUEST_SIGNATURE_MALFORMED',
      `${name}: ${error.message}`,
      {},
      { cause: error },
    );
  }
}

/** The covered component identifiers, each well formed and listed once (spec §2.1). */
function coveredIdentifiers(selected: SelectedSignature): string[] {
  const ids: string[] = [];
  for (const item of selected.signatureParams.items) {
    const id = malformedOnInvalid(() => componentIdentifier(item.value, item.params.size));
    malformedOnInvalid(() => assertComponentName(id));
    if (ids.includes(id)) {
      throw new RequestSignatureError(
        'REQUEST_SIGNATURE_MALFORMED',
        `component "${id}" is listed twice`,
      );
    }
    ids.push(id);
  }
  return ids;
}

function rememberNonce(
  store: ReplayStore,
  selected: SelectedSignature,
  expiresAtMs: number,
): NowOrLater<void> {
  const unavailable = (cause: unknown) =>
    new RequestSignatureError(
      'REPLAY_STORE_UNAVAILABLE',
      'the replay store cannot record the nonce right now; retry shortly',
      { retry_after_seconds: REPLAY_STORE_RETRY_AFTER_SECONDS },
      { cause },
    );
  const judge = (verdict: 'new' | 'seen') => {
    if (verdict !== 'new') {
      throw new RequestSignatureError(
        'REQUEST_SIGNATURE_REPLAYED',
        'this nonce was already used; sign every request afresh',
      );
    }
  };
  let verdict: NowOrLater<'new' | 'seen'>;
  try {
    verdict = rememberNowOrLater(store, `${selected.keyid}\n${selected.nonce}`, expiresAtMs);
  } catch (cause) {
    throw unavailable(cause);
  }
  if (!isPromised(verdict)) return judge(verdict);
  return verdict.then(judge, (cause: unknown) => {
    throw unavailable(cause);
  });
}

/** The verifier's limits, checked against spec §3 step 6's ranges. */
function verifierSettings(options: VerifyRequestOptions): {
  maxAge: number;
  clockSkew: number;
  now: () => number;
} {
  if (
    typeof options?.resolveKey !== 'function' ||
    typeof options.replayStore?.remember !== 'function'
  ) {
    throw new ValidationError('INVALID_ARGUMENT', 'resolveKey and replayStore are required');
  }
  const maxAge = options.maxAge ?? REQUEST_SIGNATURE_TIME.defaultMaxAge;
  const clockSkew = options.clockSkew ?? REQUEST_SIGNATURE_TIME.defaultClockSkew;
  const inRange = (v: number, [lo, hi]: readonly [number, number]) =>
    Number.isInteger(v) && v >= lo && v <= hi;
  if (!inRange(maxAge, REQUEST_SIGNATURE_TIME.maxAgeRange)) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'maxAge must be an integer from 1 to 3600 seconds',
    );
  }
  if (!inRange(clockSkew, REQUEST_SIGNATURE_TIME.clockSkewRange)) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      'clockSkew must be an integer from 0 to 300 seconds',
    );
  }
  return { maxAge, clockSkew, now: options.now ?? Date.now };
}

/** Runs `f`, turning the INVALID_ARGUMENT of a bad component into REQUEST_SIGNATURE_MALFORMED. */
function malformedOnInvalid<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof DataFoldError) || error.code !== 'INVALID_ARGUMENT') throw error;
    throw new RequestSignatureError(
      'REQUEST_SIGNATURE_MALFORMED',
      error.message,
      {},
      { cause: error },
    );
  }
}
