import { RequestSignatureError } from './request-signature-error.js';
import type { SelectedSignature } from './signature-parameters.js';

/**
 * Step 6 of spec §3, in its order: `created` further in the future than the skew
 * (NOT_YET_VALID), `expires` plus the skew passed (EXPIRED), `created` older than the maximum age
 * plus the skew or before the replay store's `notBefore` (TOO_OLD). All in whole seconds.
 *
 * @example
 * checkFreshness(selected, Math.floor(Date.now() / 1000), 300, 30, store.notBefore);
 */
export function checkFreshness(
  selected: SelectedSignature,
  nowSeconds: number,
  maxAge: number,
  clockSkew: number,
  notBefore: number | undefined,
): void {
  const { created, expires } = selected;
  if (created - nowSeconds > clockSkew) {
    throw new RequestSignatureError(
      'REQUEST_SIGNATURE_NOT_YET_VALID',
      `created is ${created - nowSeconds} s in the future; at most ${clockSkew} s of clock skew is allowed`,
      { created, now: nowSeconds },
    );
  }
  if (expires !== undefined && expires + clockSkew < nowSeconds) {
    throw new RequestSignatureError('REQUEST_SIGNATURE_EXPIRED', 'the signature has expired', {
      expires,
      now: nowSeconds,
    });
  }
  if (nowSeconds - created > maxAge + clockSkew) {
    throw new RequestSignatureError(
      'REQUEST_SIGNATURE_TOO_OLD',
      `the signature is older than the maximum age of ${maxAge} s`,
      { created, now: nowSeconds },
    );
  }
  if (notBefore !== undefined && created < notBefore) {
    throw new RequestSignatureError(
      'REQUEST_SIGNATURE_TOO_OLD',
      'the signature was created before this verifier started; sign the request again',
      { created, notBefore },
    );
  }
}
