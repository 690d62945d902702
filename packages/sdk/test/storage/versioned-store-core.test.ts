import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { isDataFoldError } from '../../src/errors/datafold-error.js';
import { isVersionConflict } from '../../src/storage/version-checks.js';
import {
  currentVersionOf,
  nextVersion,
  planAddVersion,
  planDeleteVersion,
  planSetCurrent,
  type KeyVersionState,
} from '../../src/storage/versioned-store-core.js';

// The version rules, from the vectors the Python SDK's rules are checked against too
// (vectors/key-versions/version-rules.json): one rule, two languages, the same answers.

interface WireState {
  versions: number[];
  pointer?: number;
  highest?: unknown;
}
interface Expected {
  name: string;
  state: WireState;
  error?: string;
  conflict?: boolean;
}
interface Vectors {
  next_version: (Expected & { next?: number; current?: number | null })[];
  add: (Expected & {
    request: {
      overwrite: boolean;
      replace: boolean;
      make_current: boolean;
      expected_version?: number;
      expected_current_version?: number;
    };
    plan?: { version: number; current: number; highest: number; remove: number[] };
  })[];
  delete: (Expected & {
    version: number;
    plan?: { current: number; highest: number; rewrite_pointer: boolean } | null;
  })[];
  set_current: (Expected & { version: number; plan?: { current: number; highest: number } })[];
}

const vectors = JSON.parse(
  readFileSync(
    new URL('../../../../vectors/key-versions/version-rules.json', import.meta.url),
    'utf8',
  ),
) as Vectors;

const state = (wire: WireState): KeyVersionState => ({
  versions: wire.versions,
  ...(wire.pointer === undefined ? {} : { pointer: wire.pointer }),
  ...('highest' in wire ? { highest: wire.highest } : {}),
});

function expectError(work: () => unknown, vector: Expected): void {
  let error: unknown;
  try {
    work();
  } catch (e) {
    error = e;
  }
  expect(isDataFoldError(error), `${vector.name}: expected ${vector.error}`).toBe(true);
  expect((error as { code: string }).code).toBe(vector.error);
  expect(isVersionConflict(error)).toBe(vector.conflict === true);
}

describe('versioned-store core (vectors/key-versions/version-rules.json)', () => {
  for (const v of vectors.next_version) {
    it(`next version: ${v.name}`, () => {
      if (v.error !== undefined) return expectError(() => nextVersion('app', state(v.state)), v);
      expect(nextVersion('app', state(v.state))).toBe(v.next);
      expect(currentVersionOf(state(v.state)) ?? null).toBe(v.current);
    });
  }

  for (const v of vectors.add) {
    it(`add: ${v.name}`, () => {
      const r = v.request;
      const plan = () =>
        planAddVersion('app', state(v.state), {
          overwrite: r.overwrite,
          replace: r.replace,
          makeCurrent: r.make_current,
          expect: {
            expectedVersion: r.expected_version,
            expectedCurrentVersion: r.expected_current_version,
          },
        });
      if (v.error !== undefined) return expectError(plan, v);
      expect(plan()).toEqual(v.plan);
    });
  }

  for (const v of vectors.delete) {
    it(`delete: ${v.name}`, () => {
      const plan = () => planDeleteVersion('app', state(v.state), v.version);
      if (v.error !== undefined) return expectError(plan, v);
      const got = plan();
      expect(
        got === undefined
          ? null
          : { current: got.current, highest: got.highest, rewrite_pointer: got.rewritePointer },
      ).toEqual(v.plan);
      if (got !== undefined) expect(got.version).toBe(v.version);
    });
  }

  for (const v of vectors.set_current) {
    it(`set current: ${v.name}`, () => {
      const plan = () => planSetCurrent('app', state(v.state), v.version);
      if (v.error !== undefined) return expectError(plan, v);
      expect(plan()).toEqual(v.plan);
    });
  }
});
