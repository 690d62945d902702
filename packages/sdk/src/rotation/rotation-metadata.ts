import { hasLoneSurrogate } from '../encoding/text-rules.js';
import { ValidationError } from '../errors/datafold-error.js';
import { isStatementReason, MAX_REASON_LENGTH } from '../server-client/signed-statement.js';
import type { KeyMetadata } from '../storage/key-storage.js';
import type { RotationMethod, RotationPolicy, RotationRecord } from './types.js';

/** History records copied forward into each version (spec/key-rotation-v1.md §5). */
export const MAX_ROTATION_HISTORY = 256;
/** Longest reason: the limit of spec/http-statements.md §2, so it can go to the server as is. */
export const MAX_ROTATION_REASON_LENGTH = MAX_REASON_LENGTH;

const METHODS = new Set(['initial', 'regenerate', 'derive', 'rederive']);

/**
 * Throws INVALID_ARGUMENT unless `reason` is a valid rotation or revocation reason: a statement's
 * reason (spec/http-statements.md §2) that is also well-formed, since it is kept in key metadata.
 */
export function assertRotationReason(reason: unknown): asserts reason is string {
  if (!isStatementReason(reason) || hasLoneSurrogate(reason)) {
    throw new ValidationError(
      'INVALID_ARGUMENT',
      `reason must be a string of at most ${MAX_ROTATION_REASON_LENGTH} characters without control characters`,
    );
  }
}

/** Throws INVALID_ARGUMENT for a policy with wrong members. */
export function assertRotationPolicy(policy: unknown): asserts policy is RotationPolicy {
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    throw new ValidationError('INVALID_ARGUMENT', 'policy must be an object');
  }
  const p = policy as Record<string, unknown>;
  const days = p.rotationIntervalDays;
  if (days !== undefined && (typeof days !== 'number' || !Number.isFinite(days) || days <= 0)) {
    throw new ValidationError('INVALID_ARGUMENT', 'rotationIntervalDays must be a positive number');
  }
  const max = p.maxVersions;
  if (max !== undefined && (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1)) {
    throw new ValidationError('INVALID_ARGUMENT', 'maxVersions must be an integer of at least 1');
  }
  if (p.autoCleanup !== undefined && typeof p.autoCleanup !== 'boolean') {
    throw new ValidationError('INVALID_ARGUMENT', 'autoCleanup must be a boolean');
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isVersion = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/**
 * The policy and history stored in a version's metadata. Metadata is unauthenticated and may be
 * edited by hand, so malformed members are skipped rather than trusted or fatal.
 */
export function readRotationMetadata(metadata: KeyMetadata): {
  policy: RotationPolicy | undefined;
  history: RotationRecord[];
} {
  const rotation = metadata.rotation;
  if (!isObject(rotation)) return { policy: undefined, history: [] };
  let policy: RotationPolicy | undefined;
  if (isObject(rotation.policy)) {
    const p = rotation.policy;
    policy = {};
    if (typeof p.rotation_interval_days === 'number' && p.rotation_interval_days > 0)
      policy.rotationIntervalDays = p.rotation_interval_days;
    if (isVersion(p.max_versions)) policy.maxVersions = p.max_versions;
    if (typeof p.auto_cleanup === 'boolean') policy.autoCleanup = p.auto_cleanup;
  }
  const history: RotationRecord[] = [];
  for (const r of Array.isArray(rotation.history) ? rotation.history : []) {
    if (!isObject(r) || !isVersion(r.version) || typeof r.at !== 'string') continue;
    if (typeof r.reason !== 'string' || typeof r.method !== 'string' || !METHODS.has(r.method))
      continue;
    const record: RotationRecord = {
      version: r.version,
      fromVersion: isVersion(r.from_version) ? r.from_version : null,
      at: r.at,
      reason: r.reason,
      method: r.method as RotationMethod | 'initial',
    };
    if (isVersion(r.derivation_version)) record.derivationVersion = r.derivation_version;
    if (Array.isArray(r.derived_contexts))
      record.derivedContexts = r.derived_contexts.filter((c): c is string => typeof c === 'string');
    history.push(record);
  }
  return { policy, history };
}

/** Metadata for a new version: the old labels, the policy and the history with one more record. */
export function writeRotationMetadata(
  base: KeyMetadata,
  policy: RotationPolicy | undefined,
  history: readonly RotationRecord[],
): KeyMetadata {
  const kept = history.slice(-MAX_ROTATION_HISTORY);
  const rotation: Json = {
    history: kept.map((r) => ({
      version: r.version,
      from_version: r.fromVersion,
      ...(r.derivationVersion === undefined ? {} : { derivation_version: r.derivationVersion }),
      at: r.at,
      reason: r.reason,
      method: r.method,
      ...(r.derivedContexts === undefined ? {} : { derived_contexts: [...r.derivedContexts] }),
    })),
  };
  if (policy !== undefined) {
    rotation.policy = {
      ...(policy.rotationIntervalDays === undefined
        ? {}
        : { rotation_interval_days: policy.rotationIntervalDays }),
      ...(policy.maxVersions === undefined ? {} : { max_versions: policy.maxVersions }),
      ...(policy.autoCleanup === undefined ? {} : { auto_cleanup: policy.autoCleanup }),
    };
  }
  return { ...base, rotation };
}
