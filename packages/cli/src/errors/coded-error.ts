import { ERROR_REGISTRY, type ErrorCode } from '@datafold/js-sdk';

/**
 * True for a DataFold error from any copy of the SDK: the bundle gives each command file and the
 * key store file their own copy of the error classes, so `instanceof` cannot tell; the registry
 * code can (spec/errors.json). Node's own errors (code 'ENOENT' and the like) are not coded.
 *
 * @example
 * if (isCodedError(error)) out.error(error.code, error.message);
 */
export function isCodedError(
  error: unknown,
): error is Error & { code: ErrorCode; cause?: unknown } {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    Object.hasOwn(ERROR_REGISTRY, (error as unknown as { code: string }).code)
  );
}
