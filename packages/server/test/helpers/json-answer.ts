import type { OutgoingHttpHeaders } from 'node:http';
import type { ErrorEnvelope } from '../../src/app/error-reply.js';

export type { ErrorEnvelope };

/** The success envelope of WIRE-PROTOCOL.md: `{"success": true, "data": …}`. */
export interface SuccessEnvelope<T> {
  success: true;
  data: T;
}

/** What an enveloped route answers: its data, or a coded error. */
export type Envelope<T> = SuccessEnvelope<T> | ErrorEnvelope;

/** The `error` of a failure envelope: a registry code, a message, and details (always present). */
export type ErrorBody = ErrorEnvelope['error'];

/** An answer as it came: status, headers and the body's text. */
export interface TextAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  text: string;
}

/**
 * An answer whose body is JSON, read as the envelope. `body` is the parsed body under the type
 * the caller named, unchecked, for assertions on the whole envelope; `data()` and `error()` check
 * which envelope it is before handing out its part, and fail the test with the status and the
 * body when it is the other one (or neither).
 *
 * @example
 * const res = await server.json<StatusView>({ method: 'GET', url: '/api/crypto/keys/status/a' });
 * expect(res.data().status).toBe('active');
 */
export interface JsonAnswer<T = unknown> extends TextAnswer {
  body: Envelope<T>;
  /** The `data` of a success envelope. */
  data(): T;
  /** The `error` of a failure envelope, as sent (`code` and `message` strings, `details` an object). */
  error(): ErrorBody;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The answer in a failure message: enough to see what came instead. */
function shown(answer: TextAnswer): string {
  const text = answer.text.length > 2000 ? `${answer.text.slice(0, 2000)}…` : answer.text;
  return `${answer.status} ${text}`;
}

/**
 * Reads `answer` as a JSON answer; fails the test when the body is not JSON.
 *
 * @example
 * const res = jsonAnswer<VerifyView>({ status: 200, headers: {}, text: '{"success":true,…}' });
 */
export function jsonAnswer<T = unknown>(answer: TextAnswer): JsonAnswer<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    throw new Error(`expected a JSON body, got ${shown(answer)}`);
  }
  return {
    ...answer,
    body: parsed as Envelope<T>,
    data() {
      if (isObject(parsed) && parsed.success === true && 'data' in parsed) return parsed.data as T;
      throw new Error(`expected a success envelope, got ${shown(answer)}`);
    },
    error() {
      const error = isObject(parsed) && parsed.success === false ? parsed.error : undefined;
      if (
        isObject(error) &&
        typeof error.code === 'string' &&
        typeof error.message === 'string' &&
        isObject(error.details)
      ) {
        // The object as sent, so assertions on the whole of it still see any extra field.
        return error as ErrorBody;
      }
      throw new Error(`expected a failure envelope {code, message, details}, got ${shown(answer)}`);
    },
  };
}

/**
 * `fetch` for a server in another process, read as a JSON answer: a POST of `body` as JSON when
 * one is given, else a GET.
 *
 * @example
 * const res = await fetchJson<RegistrationView>(`${url}/api/crypto/keys/register`, body);
 */
export async function fetchJson<T = unknown>(
  url: string,
  body?: object,
  headers: Record<string, string> = {},
): Promise<JsonAnswer<T>> {
  const res = await fetch(url, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json', ...headers } : headers,
    body: body ? JSON.stringify(body) : null,
  });
  const received: Record<string, string> = {};
  res.headers.forEach((value, name) => (received[name] = value));
  return jsonAnswer<T>({ status: res.status, headers: received, text: await res.text() });
}
