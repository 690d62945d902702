// Sends one request over real HTTP with exactly the header fields given (node:http, not fetch,
// which would refuse or rewrite some of them), and reads the answer as JSON.
import { request } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** The DataFold error envelope's code, or undefined for a success. */
export function codeOf(answer: Answer): string | undefined {
  return (answer.body as { error?: { code?: string } } | null)?.error?.code;
}

export function send(
  url: string,
  init: { method?: string; headers?: Array<[string, string]>; body?: Uint8Array | string },
): Promise<Answer> {
  const target = new URL(url);
  // Given as raw pairs, node:http adds no field of its own: Host and Content-Length are ours.
  const given = init.headers ?? [];
  const has = (name: string) => given.some(([n]) => n.toLowerCase() === name);
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  const headers: string[] = [];
  if (!has('host')) headers.push('host', target.host);
  if (body !== undefined && !has('content-length'))
    headers.push('content-length', String(body.length));
  for (const [name, value] of given) headers.push(name, value);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: init.method ?? 'GET',
        path: `${target.pathname}${target.search}`,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
