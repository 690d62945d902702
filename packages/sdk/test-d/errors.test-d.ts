// Error codes are a closed union generated from the registry (spec/errors.json), not `string`:
// a misspelt code is a compile error wherever the SDK takes or reports one.
import type { DataFoldError, ServerIntegrationError } from '@datafold/js-sdk';
import {
  BackupError,
  ERROR_REGISTRY,
  isDataFoldError,
  StorageError,
  type ErrorCode,
  type ErrorCodeInfo,
} from '@datafold/js-sdk';
import { expectTypeOf } from 'vitest';

// The union is exactly the registry's keys, and it is not widened to string.
expectTypeOf<ErrorCode>().toEqualTypeOf<keyof typeof ERROR_REGISTRY>();
expectTypeOf<string>().not.toExtend<ErrorCode>();
expectTypeOf<'DECRYPTION_FAILED'>().toExtend<ErrorCode>();
expectTypeOf<'KEY_NOT_FOUND'>().toExtend<ErrorCode>();
expectTypeOf<'SIGNATURE_VERIFICATION_FAILED'>().toExtend<ErrorCode>();
expectTypeOf<'KDF_PARAMS_UNSAFE'>().toExtend<ErrorCode>();
expectTypeOf<'DECRYPTION_FAILD'>().not.toExtend<ErrorCode>();

// Every registry entry carries the same facts.
expectTypeOf(ERROR_REGISTRY.WEAK_PASSPHRASE).toExtend<ErrorCodeInfo>();
expectTypeOf<ErrorCodeInfo['httpStatus']>().toEqualTypeOf<number>();

// Errors report a code of the union, and every class takes only codes of the union.
expectTypeOf<DataFoldError['code']>().toEqualTypeOf<ErrorCode>();
expectTypeOf<ServerIntegrationError['code']>().toEqualTypeOf<ErrorCode>();
expectTypeOf(new BackupError('WEAK_PASSPHRASE', 'too weak').code).toEqualTypeOf<ErrorCode>();
// @ts-expect-error: not a registry code, in either argument order
new StorageError('KEY_MISSING', 'No such key');

// isDataFoldError narrows an unknown catch value, and its code argument is checked too.
declare const caught: unknown;
if (isDataFoldError(caught, 'KEY_NOT_FOUND')) expectTypeOf(caught).toEqualTypeOf<DataFoldError>();
// @ts-expect-error: not a registry code
isDataFoldError(caught, 'NOT_FOUND_KEY');

// Indexing the registry with any code of the union is total: the union is closed.
export function httpStatusOf(code: ErrorCode): number {
  return ERROR_REGISTRY[code].httpStatus;
}
