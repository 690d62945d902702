import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_REGISTRY, type ErrorCode } from '@datafold/js-sdk';

/** A Node client error: the parser's or the timeout sweep's, with its code. */
type ClientError = Error & { code?: string };

/** The registry code and message of each kind of client error; the status is the registry's. */
function classify(error: ClientError): { code: ErrorCode; message: string } {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        code: 'REQUEST_TIMEOUT',
        message: 'the request did not arrive within the time the server allows',
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        code: 'HEADERS_TOO_LARGE',
        message: 'the request headers are larger than the server accepts',
      };
    default:
      return { code: 'INVALID_REQUEST', message: 'the request is not valid HTTP' };
  }
}

/**
 * Fastify's `clientErrorHandler`: answers what Node refuses before any route sees it (a request
 * past its header or body timeout, headers too large, bytes that are not HTTP) in the error
 * envelope with a registry code, then closes the connection, as Node's own handler does.
 * Nothing is written when a response has already begun on the socket: that would corrupt it.
 *
 * @example
 * Fastify({ clientErrorHandler: replyToClientError });
 */
export function replyToClientError(error: ClientError, socket: Socket): void {
  // A reset connection is already gone: there is no one to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const { code, message } = classify(error);
    const status = ERROR_REGISTRY[code].httpStatus;
    const body = JSON.stringify({ success: false, error: { code, message, details: {} } });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
