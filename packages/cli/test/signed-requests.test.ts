// crypto request and crypto sign-request (spec/http-message-signatures-v1.md) against real
// processes: the CLI binary, a datafold-server holding the registrations, and an API behind the
// SDK's Fastify plugin that resolves keys from that server.
import { execFile } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  createMemoryReplayStore,
  hexToBytes,
  verifyHttpMessage,
  REQUEST_SIGNATURE_TAG,
} from '@datafold/js-sdk';
import { freePort, startDatafoldServer, type DatafoldServer } from '@datafold/test-support';
import { createVerifier, httpbis } from 'http-message-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createHome,
  generateKey,
  initHome,
  PASSPHRASE,
  registerNewKey,
  type CliHome,
  type CliResult,
} from './helpers/cli.js';
import { startSignedApi, type SignedApi } from './helpers/signed-api.js';

/** What `request --json` prints (spec/cli-exit-codes.md §2). */
interface RequestDocument {
  method: string;
  url: string;
  status: number;
  status_text: string;
  headers: Record<string, string>;
  body: unknown;
  body_encoding: string;
  signature: { input: string; signature: string; content_digest?: string };
}

describe('crypto request and sign-request against an API behind the Fastify plugin', () => {
  let cli: CliHome;
  let server: DatafoldServer;
  let api: SignedApi;

  beforeAll(async () => {
    [cli, server] = await Promise.all([createHome(), startDatafoldServer()]);
    api = await startSignedApi(server.url);
    await initHome(cli);
  });
  afterAll(async () => {
    await api?.close();
    await server?.stop();
    await cli?.cleanup();
  });

  /** A new key registered with the server as `clientId`; resolves to its public key (hex). */
  const registered = (keyId: string, clientId: string) =>
    registerNewKey(cli, server.url, keyId, clientId);
  const request = (args: string[], options?: Parameters<CliHome['run']>[1]) =>
    cli.run(['crypto', 'request', ...args], options);
  const signRequest = (args: string[], options?: Parameters<CliHome['run']>[1]) =>
    cli.run(['crypto', 'sign-request', ...args], options);
  /** `Name: value` lines as header pairs. */
  const headerLines = (text: string): Array<[string, string]> =>
    text
      .trim()
      .split('\n')
      .map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon), line.slice(colon + 1).trim()];
      });
  const expectNoPassphrase = (...runs: CliResult[]) => {
    for (const r of runs) expect(r.stdout + r.stderr).not.toContain(PASSPHRASE);
  };

  it('GET: signed with the registered client id, printed like curl -i, exit 0', async () => {
    await registered('get-key', 'get-client');
    const r = await request(['GET', `${api.url}/whoami`, '--key-id', 'get-key', '-i']);
    expect(r.code, r.stderr).toBe(0);
    const [head, body] = r.stdout.split('\n\n');
    const lines = head!.split('\n');
    expect(lines[0]).toBe('HTTP/1.1 200 OK');
    expect(lines).toContain('content-type: application/json; charset=utf-8');
    for (const line of lines.slice(1)) expect(line).toMatch(/^[a-z0-9-]+: /);
    expect(JSON.parse(body!)).toEqual({ client_id: 'get-client' });
    expect(r.stderr).toBe('');
    expectNoPassphrase(r);
  });

  it('POST --data @file: the route gets the bytes and the client; --json has the answer and the signature', async () => {
    await registered('post-key', 'post-client');
    const file = join(cli.home, 'order.json');
    await writeFile(file, '{"order": 7}\n');
    const r = await request([
      'POST',
      `${api.url}/echo?draft=1`,
      '--key-id',
      'post-key',
      '--header',
      'Content-Type: application/json',
      '--data',
      `@${file}`,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = r.json<RequestDocument>();
    expect(doc).toMatchObject({
      method: 'POST',
      url: `${api.url}/echo?draft=1`,
      status: 200,
      status_text: 'OK',
      body: { client_id: 'post-client', received: { order: 7 } },
      body_encoding: 'json',
    });
    expect(doc.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(doc.signature.input).toMatch(
      /^datafold=\("@method" "@target-uri" "content-type" "content-digest"\);created=\d+;expires=\d+;nonce="[A-Za-z0-9_-]{22}";alg="ed25519";keyid="post-client";tag="datafold-request-v1"$/,
    );
    expect(doc.signature.signature).toMatch(/^datafold=:[A-Za-z0-9+/]{86}==:$/);
    expect(doc.signature.content_digest).toBe(
      `sha-256=:${Buffer.from(await crypto.subtle.digest('SHA-256', Buffer.from('{"order": 7}\n'))).toString('base64')}:`,
    );
    expectNoPassphrase(r);
  });

  it('PUT --data - reads the content from standard input, the passphrase from the environment', async () => {
    await registered('stdin-key', 'stdin-client');
    const r = await request(
      [
        'PUT',
        `${api.url}/echo`,
        '--key-id',
        'stdin-key',
        '-H',
        'Content-Type: text/plain',
        '-d',
        '-',
        '--json',
      ],
      { input: 'line one\nline two\n' },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.json<RequestDocument>().body).toEqual({
      client_id: 'stdin-client',
      received: 'line one\nline two\n',
    });
  });

  it('bytes without a Content-Type reach the route exactly as given', async () => {
    await registered('raw-key', 'raw-client');
    const r = await request([
      'POST',
      `${api.url}/echo`,
      '--key-id',
      'raw-key',
      '--data',
      'a=1&b=2',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json<RequestDocument>().body).toEqual({
      client_id: 'raw-client',
      received: 'a=1&b=2',
    });
  });

  it('the same signature sent again is refused as REQUEST_SIGNATURE_REPLAYED', async () => {
    await registered('replay-key', 'replay-client');
    const url = `${api.url}/whoami`;
    const first = await request(['GET', url, '--key-id', 'replay-key', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const { signature } = first.json<RequestDocument>();
    const replayed = await fetch(url, {
      headers: { 'signature-input': signature.input, signature: signature.signature },
    });
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({
      error: { code: 'REQUEST_SIGNATURE_REPLAYED' },
    });
  });

  it('a revoked key is refused: exit 8, the answer on stdout and its code on stderr', async () => {
    await registered('revoked-key', 'revoked-client');
    const before = await request(['GET', `${api.url}/whoami`, '--key-id', 'revoked-key']);
    expect(before.code, before.stderr).toBe(0);
    const revoke = await cli.run([
      'crypto',
      'revoke-registration',
      '--key-id',
      'revoked-key',
      '--reason',
      'test',
    ]);
    expect(revoke.code, revoke.stderr).toBe(0);
    const r = await request(['GET', `${api.url}/whoami`, '--key-id', 'revoked-key']);
    expect(r.code).toBe(8);
    expect(r.stdout).toMatch(/^HTTP\/1\.1 401 Unauthorized\n/);
    expect(r.stdout).toMatch(/^accept-signature: datafold=/m);
    expect(r.stdout).toContain('"code":"REQUEST_SIGNATURE_INACTIVE_KEY"');
    expect(r.stderr).toContain('(REQUEST_SIGNATURE_INACTIVE_KEY)');
    expect(r.stderr).toMatch(/recorded as revoked/);
    const json = await request(['GET', `${api.url}/whoami`, '--key-id', 'revoked-key', '--json']);
    expect(json.code).toBe(8);
    expect(json.json<RequestDocument>()).toMatchObject({
      status: 401,
      body: { success: false, error: { code: 'REQUEST_SIGNATURE_INACTIVE_KEY' } },
    });
    expectNoPassphrase(r, json);
  });

  it('a client id the API does not know is refused with exit 8', async () => {
    await generateKey(cli, 'unknown-key');
    const r = await request([
      'GET',
      `${api.url}/whoami`,
      '--key-id',
      'unknown-key',
      '--client-id',
      'nobody-registered-this',
    ]);
    expect(r.code).toBe(8);
    expect(r.stderr).toContain('(REQUEST_SIGNATURE_UNKNOWN_KEY)');
  });

  it('any other answer that is not 2xx is exit 1, printed all the same', async () => {
    await registered('missing-key', 'missing-client');
    const r = await request(['GET', `${api.url}/no-such-route`, '--key-id', 'missing-key']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^HTTP\/1\.1 404 Not Found\n/);
    expect(r.stderr).toContain('the server answered 404 Not Found');
  });

  it('an unreachable server is exit 6, naming it', async () => {
    await registered('offline-key', 'offline-client');
    const port = await freePort();
    const r = await request([
      'GET',
      `http://127.0.0.1:${port}/whoami`,
      '--key-id',
      'offline-key',
      '--json',
    ]);
    expect(r.code).toBe(6);
    expect(r.json()).toMatchObject({
      error: {
        code: 'NETWORK_ERROR',
        message: expect.stringContaining(`127.0.0.1:${port}`) as string,
      },
    });
  });

  it('sign-request prints the fields, and curl sending them is accepted', async () => {
    await registered('curl-key', 'curl-client');
    const body = join(cli.home, 'curl-body.json');
    await writeFile(body, '{"via":"curl"}\n\n');
    const url = `${api.url}/echo`;
    const signed = await signRequest([
      'POST',
      url,
      '--key-id',
      'curl-key',
      '-H',
      'Content-Type: application/json',
      '--data',
      `@${body}`,
    ]);
    expect(signed.code, signed.stderr).toBe(0);
    expect(headerLines(signed.stdout).map(([name]) => name)).toEqual([
      'Signature-Input',
      'Signature',
      'Content-Digest',
    ]);
    // As the help shows: the fields piped into curl -H @-.
    const curl = execFile('curl', [
      '-sS',
      '-H',
      '@-',
      '-H',
      'Content-Type: application/json',
      '--data-binary',
      `@${body}`,
      url,
    ]);
    curl.stdin!.end(signed.stdout);
    let out = '';
    curl.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise((resolve) => curl.once('close', resolve));
    expect(JSON.parse(out)).toEqual({ client_id: 'curl-client', received: { via: 'curl' } });
    expectNoPassphrase(signed);
  });

  it('sign-request --json fields on a plain fetch are accepted once', async () => {
    await registered('fetch-key', 'fetch-client');
    const url = `${api.url}/whoami?x=1`;
    const signed = await signRequest(['GET', url, '--key-id', 'fetch-key', '--json']);
    expect(signed.code, signed.stderr).toBe(0);
    const doc = signed.json<{
      client_id: string;
      method: string;
      url: string;
      headers: Record<string, string>;
    }>();
    expect(doc).toMatchObject({ client_id: 'fetch-client', method: 'GET', url });
    expect(Object.keys(doc.headers)).toEqual(['signature-input', 'signature']);
    const ok = await fetch(url, { headers: doc.headers });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ client_id: 'fetch-client' });
    const again = await fetch(url, { headers: doc.headers });
    expect(again.status).toBe(401);
  });

  it("sign-request's fields verify with the SDK's verifyHttpMessage and with http-message-signatures", async () => {
    // A memory store refuses signatures made before its birth, rounded up to the second (spec
    // §3.1): born on a clock two seconds behind, it takes the one the CLI is about to make.
    const replayStore = createMemoryReplayStore({ now: () => Date.now() - 2000 });
    const publicKey = await generateKey(cli, 'interop-key');
    const url = 'https://api.example/orders?draft=1';
    const content = '{"interop":true}';
    const r = await signRequest([
      'patch',
      url,
      '--key-id',
      'interop-key',
      '--client-id',
      'interop-client',
      '-H',
      'Content-Type: application/json',
      '--data',
      content,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const headers: Array<[string, string]> = [
      ['Content-Type', 'application/json'],
      ...headerLines(r.stdout),
    ];
    const verified = await verifyHttpMessage(
      { method: 'PATCH', targetUri: url, headers, body: new TextEncoder().encode(content) },
      {
        resolveKey: (clientId) =>
          Promise.resolve(
            clientId === 'interop-client'
              ? { status: 'active', publicKey: hexToBytes(publicKey) }
              : { status: 'unknown' },
          ),
        replayStore,
      },
    );
    expect(verified).toMatchObject({
      clientId: 'interop-client',
      coveredComponents: ['@method', '@target-uri', 'content-type', 'content-digest'],
    });
    expect(r.stdout).toContain(`tag="${REQUEST_SIGNATURE_TAG}"`);
    // And with an independent RFC 9421 implementation from npm.
    const theirs = createVerifier(
      createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey, 'hex').toString('base64url') },
        format: 'jwk',
      }),
      'ed25519',
    );
    const theirVerify = (targetUri: string) =>
      httpbis.verifyMessage(
        {
          keyLookup: (params) =>
            Promise.resolve(
              params.keyid === 'interop-client'
                ? { id: 'interop-client', algs: ['ed25519'], verify: theirs }
                : null,
            ),
          requiredFields: ['@method', '@target-uri', 'content-digest'],
          requiredParams: ['created', 'keyid', 'nonce', 'tag'],
        },
        { method: 'PATCH', url: targetUri, headers: Object.fromEntries(headers) },
      );
    expect(await theirVerify(url)).toBe(true);
    expect(await theirVerify(`${url}x`).catch(() => false)).toBe(false);
  });

  it('signs with the registered key version after a local rotation, and says so', async () => {
    await registered('rotated-key', 'rotated-client');
    // Rotated here only: the server still holds v1 for the client.
    const rotate = await cli.run([
      'crypto',
      'rotate-key',
      '--key-id',
      'rotated-key',
      '--no-server',
      '--keep-old',
    ]);
    expect(rotate.code, rotate.stderr).toBe(0);
    const r = await request(['GET', `${api.url}/whoami`, '--key-id', 'rotated-key']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/rotated to v2 here but .* holds v1 .*signing with v1/);
    expect(r.stdout).toContain('"client_id":"rotated-client"');
  });

  describe('usage errors (exit 2, nothing sent)', () => {
    it('an unregistered key without --client-id', async () => {
      await generateKey(cli, 'lonely-key');
      const r = await request(['GET', `${api.url}/whoami`, '--key-id', 'lonely-key']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/has not been registered by this CLI.*--client-id/);
    });

    it('--data - with --passphrase-stdin', async () => {
      const r = await request(
        ['POST', `${api.url}/echo`, '--key-id', 'any', '--data', '-', '--passphrase-stdin'],
        { input: `${PASSPHRASE}\n` },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /--data - reads the content from standard input, so the passphrase cannot/,
      );
      expectNoPassphrase(r);
    });

    it.each([
      [['GET'], /Expected METHOD URL/],
      [['GET', 'not a url', '--key-id', 'k'], /URL must be absolute/],
      [['GET', 'ftp://x/y', '--key-id', 'k'], /http:\/\/ or https:\/\//],
      [['G ET', 'http://x/', '--key-id', 'k'], /METHOD must be an HTTP method/],
      [['GET', 'http://x/', '--key-id', 'k', '--data', 'x'], /a GET request has no content/],
      [['POST', 'http://x/', '--key-id', 'k', '-H', 'no colon'], /--header must be 'Name: value'/],
      [['POST', 'http://x/', '--key-id', 'k', '-H', 'Host: y'], /put the host in the URL/],
      [['POST', 'http://x/', '--key-id', 'k', '-H', 'Signature: x'], /signs the request itself/],
      [['POST', 'http://x/', '--key-id', 'k', '-d', 'a', '-d', 'b'], /give --data once/],
      [['GET', 'http://x/'], /--key-id is required/],
    ])('%j', async (args, message) => {
      for (const run of [request, signRequest]) {
        const r = await run(args);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(message);
      }
    });
  });

  it('--data over 16 MiB is refused before anything is signed or sent, from a file or stdin', async () => {
    const big = join(cli.home, 'big.bin');
    await writeFile(big, '');
    await truncate(big, 16 * 1024 * 1024 + 1);
    const fromFile = await request([
      'POST',
      `${api.url}/echo`,
      '--key-id',
      'k',
      '--data',
      `@${big}`,
    ]);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(/too large \(over 16 MiB\)/);
    const child = cli.spawn([
      'crypto',
      'request',
      'POST',
      `${api.url}/echo`,
      '--key-id',
      'k',
      '-d',
      '-',
    ]);
    // The CLI stops reading at the bound: the rest of what is written here meets a closed pipe.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(Buffer.alloc(16 * 1024 * 1024 + 1));
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/standard input \(--data -\) is too large \(over 16 MiB\)/);
  });

  it('a passphrase on the command line works, warns, and is never printed', async () => {
    await registered('argv-key', 'argv-client');
    const r = await request(
      ['GET', `${api.url}/whoami`, '--key-id', 'argv-key', '--passphrase', PASSPHRASE, '-v'],
      { env: { DATAFOLD_PASSPHRASE: undefined } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/--passphrase puts the passphrase where other users can see it/);
    expectNoPassphrase(r);
  });
});
