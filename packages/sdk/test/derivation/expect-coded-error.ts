// Asserts that a promise rejects with a DataFoldError of the given code, and returns the error so
// a test can look at its message and details.
import { expect } from 'vitest';
import type { DataFoldError } from '../../src/errors/datafold-error.js';
import { KeyDerivationError } from '../../src/errors/datafold-error.js';
import type { ErrorCode } from '../../src/errors/registry.js';

export async function expectCodedError(
  work: Promise<unknown> | (() => unknown),
  code: ErrorCode,
): Promise<DataFoldError> {
  let caught: unknown;
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(KeyDerivationError);
  const error = caught as DataFoldError;
  expect(error.code).toBe(code);
  return error;
}
