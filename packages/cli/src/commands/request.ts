import { ERROR_REGISTRY, ServerIntegrationError } from '@datafold/js-sdk';

import { defineCommand } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { EXIT, exitCodeForAnswer } from '../cli/exit-codes.js';
import { optionalString } from '../cli/option-readers.js';
import { REQUEST_OPTIONS } from '../cli/request-options.js';
import { assertOneStdinReader, requestSigner, signWithStoredKey } from '../cli/request-signer.js';
import { answerDocument, answerError, includeText, type HttpAnswer } from '../io/http-answer.js';
import { fetchRequest, readRequestInput } from '../io/request-input.js';
import { timeoutFor } from '../server/server-target.js';

export const command = defineCommand('request', {
  usage:
    "request METHOD URL --key-id ID [--data @FILE|-|TEXT] [--header 'NAME: VALUE' ...] [--client-id ID] [--json]",
  description: [
    'Signs an HTTP request with a stored key (RFC 9421, spec/http-message-signatures-v1.md: the',
    "SDK's signRequest) and sends it, so the API learns who sent it. The signature's keyid is the",
    'client id the key was registered as (register-key), or --client-id. It covers the method,',
    'the URL, Content-Type when given and, with --data, Content-Digest. Prints the answer as',
    '`curl -i` does: status line, header fields, empty line, body (-i is accepted for the habit);',
    'with --json one document {status, status_text, headers, body, body_encoding, signature}.',
    'Redirects are not followed (a signature covers the URL it was made for).',
    '--data takes @FILE, - (standard input; the passphrase must then come from',
    'DATAFOLD_PASSPHRASE or --passphrase-file) or the text itself, sent byte for byte, up to',
    '16 MiB; no Content-Type is guessed. Exit 0 for a 2xx answer; 8 when the request signature',
    'is refused (REQUEST_SIGNATURE_*, CONTENT_DIGEST_MISMATCH; the code is printed on stderr);',
    '6 when the server cannot be reached, or answers REPLAY_STORE_UNAVAILABLE, 429, 502, 503',
    'or 504; 1 for any other answer (spec/cli-exit-codes.md §1.1).',
  ].join('\n'),
  positionals: { min: 2, max: 2, names: 'METHOD URL' },
  options: {
    ...REQUEST_OPTIONS,
    include: {
      type: 'boolean',
      short: 'i',
      help: 'print the status line and header fields before the body (the default)',
    },
    timeout: {
      type: 'string',
      value: 'MS',
      help: 'time allowed for the answer, in milliseconds (default: config, 30000)',
    },
  },
  examples: [
    'datafold_cli crypto request GET https://api.example/me --key-id my-app-key',
    "datafold_cli crypto request POST https://api.example/orders --key-id my-app-key --header 'Content-Type: application/json' --data @order.json --json | jq .body",
    "echo '{\"ping\":1}' | datafold_cli crypto request PUT https://api.example/ping --key-id my-app-key --passphrase-file ~/.datafold-pass -H 'Content-Type: application/json' --data -",
  ],
  async run(ctx, options, positionals) {
    assertOneStdinReader(options);
    const input = await readRequestInput(options, positionals);
    const signer = await requestSigner(ctx, options);
    const timeoutMs = timeoutFor(await ctx.loadConfig(), optionalString(options, 'timeout'));
    const signed = await signWithStoredKey(
      ctx,
      signer,
      fetchRequest(input, { redirect: 'manual' }),
    );
    ctx.debug('cli.request', { method: input.method, url: input.url, client_id: signer.clientId });
    const answer = await send(signed, timeoutMs);
    const refusal = answerError(answer);
    const signature = {
      input: signed.headers.get('signature-input'),
      signature: signed.headers.get('signature'),
      ...(signed.headers.has('content-digest')
        ? { content_digest: signed.headers.get('content-digest') }
        : {}),
    };
    if (ctx.out.json) {
      ctx.out.result(
        { method: input.method, url: input.url, ...answerDocument(answer), signature },
        '',
      );
    } else {
      ctx.out.raw(includeText(answer));
    }
    const code = exitCodeForAnswer(answer.status, refusal?.code);
    if (code !== EXIT.SUCCESS) reportRefusal(ctx, answer, refusal);
    return code;
  },
});

/** Sends the signed request; an unreachable server or no answer in time is exit 6, naming the URL. */
async function send(request: Request, timeoutMs: number): Promise<HttpAnswer> {
  const { origin } = new URL(request.url);
  try {
    const response = await fetch(request, { signal: AbortSignal.timeout(timeoutMs) });
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: new Uint8Array(await response.arrayBuffer()),
    };
  } catch (error) {
    const timedOut = (error as { name?: string } | null)?.name === 'TimeoutError';
    throw new ServerIntegrationError(
      timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
      timedOut
        ? `No answer from ${origin} within ${timeoutMs} ms: check the server, or raise --timeout`
        : `Could not reach ${origin}: check the URL and that the server runs`,
      { details: { url: request.url }, cause: error },
    );
  }
}

/**
 * Says on stderr why the run did not succeed: the refusal's code, message and the registry's
 * fix when the answer carries a registry code, else the status. The answer itself is on stdout.
 */
function reportRefusal(
  ctx: Context,
  answer: HttpAnswer,
  refusal: ReturnType<typeof answerError>,
): void {
  if (refusal !== undefined) {
    ctx.out.error(
      refusal.code,
      `the server answered ${answer.status}: ${refusal.message}`,
      ERROR_REGISTRY[refusal.code].fix,
    );
    return;
  }
  ctx.out.warn(
    `the server answered ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`,
  );
}
