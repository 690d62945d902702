import { ValidationError, type ErrorCode } from '@datafold/js-sdk';

/** The part of a Fastify schema validation error this module reads. */
export interface SchemaValidationFailure {
  validation?: ReadonlyArray<{
    instancePath?: string;
    keyword?: string;
    params?: { missingProperty?: string; limit?: number; allowedValues?: unknown[] };
    message?: string;
  }>;
  validationContext?: string;
}

/**
 * The registry code of a field's rule wherever the field appears: a client id refused by a schema
 * is INVALID_CLIENT_ID, as when the domain refuses it. Other fields are INVALID_REQUEST.
 */
const FIELD_CODES: Record<string, ErrorCode> = {
  client_id: 'INVALID_CLIENT_ID',
  public_key: 'INVALID_PUBLIC_KEY',
  new_public_key: 'INVALID_PUBLIC_KEY',
  signature: 'INVALID_SIGNATURE',
  new_key_signature: 'INVALID_SIGNATURE',
  message: 'INVALID_MESSAGE',
  message_encoding: 'INVALID_ENCODING',
  timestamp: 'INVALID_STATEMENT',
  nonce: 'INVALID_STATEMENT',
  reason: 'INVALID_STATEMENT',
};

function describe(keyword: string | undefined, field: string, ajvMessage: string): string {
  switch (keyword) {
    case 'required':
      return `${field} is required`;
    case 'pattern':
      // Ajv would print the regular expression; the OpenAPI document says it in words.
      return `${field} is not in the form the API document gives for it`;
    default:
      return `${field} ${ajvMessage}`;
  }
}

/**
 * The coded 400 for a request that breaks a rule of its route's schema: the field's own code
 * (FIELD_CODES) or INVALID_REQUEST, a message naming the field, and `details.field`. A value of
 * the wrong JSON type (a number where a string belongs, a body that is no object) is
 * INVALID_REQUEST with empty details, as WIRE-PROTOCOL.md has always answered it.
 *
 * @example
 * throw schemaRefusal(request.validationError);
 */
export function schemaRefusal(failure: SchemaValidationFailure): ValidationError {
  const first = failure.validation?.[0];
  const path = (first?.instancePath ?? '').split('/').filter(Boolean);
  const field =
    first?.keyword === 'required' && first.params?.missingProperty
      ? [...path, first.params.missingProperty].join('.')
      : path.join('.') || (failure.validationContext ?? 'body');
  const leaf = field.split('.').at(-1) ?? field;
  const where = failure.validationContext ?? 'body';
  const message = `invalid request ${where}: ${describe(first?.keyword, field, first?.message ?? 'is invalid')}`;
  if (isTypeFailure(failure)) return new ValidationError('INVALID_REQUEST', message);
  return new ValidationError(FIELD_CODES[leaf] ?? 'INVALID_REQUEST', message, { field, in: where });
}

/** Whether the schema refused a value for its JSON type, not for its form. */
function isTypeFailure(failure: SchemaValidationFailure): boolean {
  return failure.validation?.[0]?.keyword === 'type';
}

/**
 * For routes whose domain checks come first (`attachValidation: true`, so WIRE-PROTOCOL.md's
 * codes keep their order): the body to hand to the domain and the schema's refusal to hand with
 * it. A body that is not even a JSON object is refused here, as no field check could run.
 *
 * @example
 * const { body, refusal } = checkedBody(request);
 * await service.verify(body, refusal);
 */
export function checkedBody<T extends object>(request: {
  body: unknown;
  validationError?: SchemaValidationFailure | undefined;
}): { body: T; refusal: ValidationError | null } {
  const failure = request.validationError;
  const refusal = failure ? schemaRefusal(failure) : null;
  // A wrong JSON type is refused at once, before the field checks, as it always was.
  if (refusal && failure && isTypeFailure(failure)) throw refusal;
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw refusal ?? new ValidationError('INVALID_REQUEST', 'the body must be a JSON object');
  }
  return { body: body as T, refusal };
}
