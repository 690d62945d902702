import { concatBytes } from '../encoding/bytes.js';

/** A request stream as Node gives it: its chunks, read by `for await`. */
export type ContentStream = AsyncIterable<Uint8Array | string>;

/** What reading a request's content found. */
export type ReadContent = { status: 'read'; bytes: Uint8Array } | { status: 'too-large' };

/**
 * Reads a request's content into one array, refusing more than `limit` bytes: as soon as the
 * announced Content-Length says so (nothing read), or as soon as the chunks received pass it (the
 * rest is not buffered). Only for requests no body parser has read.
 *
 * @example
 * const content = await readContent(req, req.headers['content-length'], 1_048_576);
 */
export async function readContent(
  stream: ContentStream,
  contentLength: string | undefined,
  limit: number,
): Promise<ReadContent> {
  if (contentLength !== undefined && Number(contentLength) > limit) return { status: 'too-large' };
  const chunks: Uint8Array[] = [];
  let length = 0;
  const encoder = new TextEncoder();
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    length += bytes.length;
    if (length > limit) return { status: 'too-large' };
    chunks.push(bytes);
  }
  return { status: 'read', bytes: chunks.length === 1 ? chunks[0]! : concatBytes(...chunks) };
}
