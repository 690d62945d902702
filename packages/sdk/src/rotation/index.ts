export { KeyRotationManager } from './key-rotation-manager.js';
export {
  assertRotationReason,
  MAX_ROTATION_HISTORY,
  MAX_ROTATION_REASON_LENGTH,
} from './rotation-metadata.js';
export {
  deriveRotationKeyPair,
  ROTATION_MASTER_KEY_MIN_LENGTH,
  type DeriveRotationInput,
} from './rotation-seed.js';
export type {
  CreateVersionedKeyOptions,
  KeyRotationManagerOptions,
  KeyVersion,
  KeyVersionWithKeyPair,
  RotationDue,
  RotationMethod,
  RotationOptions,
  RotationPolicy,
  RotationRecord,
  RotationResult,
} from './types.js';
