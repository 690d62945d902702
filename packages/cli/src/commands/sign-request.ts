import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { REQUEST_OPTIONS } from '../cli/request-options.js';
import { assertOneStdinReader, requestSigner, signWithStoredKey } from '../cli/request-signer.js';
import { fetchRequest, readRequestInput } from '../io/request-input.js';

/** The fields a signature adds (spec §2), as printed: the names people and curl write. */
const SIGNATURE_FIELDS = [
  ['signature-input', 'Signature-Input'],
  ['signature', 'Signature'],
  ['content-digest', 'Content-Digest'],
] as const;

export const command = defineCommand('sign-request', {
  usage:
    "sign-request METHOD URL --key-id ID [--data @FILE|-|TEXT] [--header 'NAME: VALUE' ...] [--client-id ID] [--json]",
  description: [
    'Signs an HTTP request as `request` does, and sends nothing: prints the header fields to add',
    'to it, one per line (`Name: value`): Signature-Input, Signature, and Content-Digest when',
    'there is --data. With --json: {client_id, method, url, headers}. The request sent must be',
    'the one signed: the same method and URL (as WHATWG URL writes it), the same bytes of content',
    '(curl --data-binary, not --data, which drops newlines), the same Content-Type when one was',
    'given. The signature expires 60 seconds after it is made and is good for one request.',
  ].join('\n'),
  positionals: { min: 2, max: 2, names: 'METHOD URL' },
  options: { ...REQUEST_OPTIONS },
  examples: [
    'datafold_cli crypto sign-request GET https://api.example/me --key-id my-app-key | curl -H @- https://api.example/me',
    "datafold_cli crypto sign-request POST https://api.example/orders --key-id my-app-key -H 'Content-Type: application/json' --data @order.json | curl -H @- -H 'Content-Type: application/json' --data-binary @order.json https://api.example/orders",
    'datafold_cli crypto sign-request DELETE https://api.example/orders/7 --key-id my-app-key --json',
  ],
  async run(ctx, options, positionals) {
    assertOneStdinReader(options);
    const input = await readRequestInput(options, positionals);
    const signer = await requestSigner(ctx, options);
    const signed = await signWithStoredKey(ctx, signer, fetchRequest(input));
    const headers: Record<string, string> = {};
    const lines: string[] = [];
    for (const [name, printed] of SIGNATURE_FIELDS) {
      const value = signed.headers.get(name);
      if (value === null) continue;
      headers[name] = value;
      lines.push(`${printed}: ${value}`);
    }
    ctx.out.result(
      { client_id: signer.clientId, method: input.method, url: input.url, headers },
      lines,
    );
    return EXIT.SUCCESS;
  },
});
