import { bytesToBase64, ERROR_REGISTRY, utf8ToBytes, type ErrorCode } from '@datafold/js-sdk';

/** A response as `request` prints it: what came back, read whole. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  body: Uint8Array;
}

/** The code and message of a refusal in the DataFold envelope (`{"error": {code, message}}`). */
export interface AnswerError {
  code: ErrorCode;
  message: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The answer as `curl -i` prints it: the status line, the header fields (by name, as Fetch gives
 * them: lower case, repeated fields joined by ", ", Set-Cookie one line each), an empty line,
 * then the body bytes unchanged. Fetch does not say which HTTP version it spoke; Node's speaks
 * HTTP/1.1.
 *
 * @example
 * out.raw(includeText(answer));
 */
export function includeText(answer: HttpAnswer): Uint8Array {
  const lines = [`HTTP/1.1 ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`];
  answer.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
  const head = utf8ToBytes(`${lines.join('\n')}\n\n`);
  const text = new Uint8Array(head.length + answer.body.length);
  text.set(head);
  text.set(answer.body, head.length);
  return text;
}

/**
 * The answer as `--json` prints it. `body` is the parsed value for a JSON answer
 * (`body_encoding` "json"), the text for any other UTF-8 answer ("utf8"), else base64 ("base64").
 *
 * @example
 * out.result({ ...answerDocument(answer), signature }, '');
 */
export function answerDocument(answer: HttpAnswer): {
  status: number;
  status_text: string;
  headers: Record<string, string>;
  body: unknown;
  body_encoding: 'json' | 'utf8' | 'base64';
} {
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  });
  const base = { status: answer.status, status_text: answer.statusText, headers };
  const text = utf8Text(answer.body);
  if (text === undefined) {
    return { ...base, body: bytesToBase64(answer.body), body_encoding: 'base64' };
  }
  if (isJson(answer.headers) && text !== '') {
    try {
      return { ...base, body: JSON.parse(text) as unknown, body_encoding: 'json' };
    } catch {
      // Labelled JSON but not JSON: shown as the text it is.
    }
  }
  return { ...base, body: text, body_encoding: 'utf8' };
}

/**
 * The registry code and message of an answer in the DataFold envelope (the middleware's and the
 * server's refusals, WIRE-PROTOCOL.md); undefined for any other body or a code the registry
 * does not know.
 *
 * @example
 * answerError(answer)?.code; // 'REQUEST_SIGNATURE_REPLAYED'
 */
export function answerError(answer: HttpAnswer): AnswerError | undefined {
  const text = utf8Text(answer.body);
  if (text === undefined || !isJson(answer.headers)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const error = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = error?.code;
  if (typeof code !== 'string' || !Object.hasOwn(ERROR_REGISTRY, code)) return undefined;
  return {
    code: code as ErrorCode,
    message: typeof error?.message === 'string' ? error.message : code,
  };
}

function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function isJson(headers: Headers): boolean {
  const type = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}
