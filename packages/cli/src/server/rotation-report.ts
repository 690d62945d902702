import type { RotationRegistration } from '@datafold/js-sdk';

// Apart from follow-rotation.ts, which loads the server client: a command prints a rotation
// without paying for that module's start-up when there was none to follow.

/** A registration moved to a new key: the server that holds it and its answer. */
export interface FollowedRotation {
  /** The server's URL. */
  server: string;
  /** The client id, as the CLI registered it. */
  clientId: string;
  rotation: RotationRegistration;
}

/**
 * What rotate-key and register-key print of a followed rotation (snake_case, as --json names
 * members), in the order they always have.
 *
 * @example
 * ctx.out.result({ key_id: keyId, server: rotationReport(followed) }, lines);
 */
export function rotationReport(followed: FollowedRotation) {
  const { rotation } = followed;
  return {
    server: followed.server,
    client_id: followed.clientId,
    registration_id: rotation.registrationId,
    previous_registration_id: rotation.previousRegistrationId,
    public_key: rotation.publicKey,
    status: rotation.status,
  };
}
