import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, initHome, type CliHome } from './helpers/cli.js';

// RFC 9421 Appendix B.2.6 through the CLI: its key (B.1.4, test-key-ed25519) imported from the
// RFC's PEM, the RFC's signature base signed by `crypto sign`, and the RFC's signature verified
// by `crypto verify-local`. Ed25519 is deterministic, so the bytes must match exactly.
const b26 = JSON.parse(
  readFileSync(
    new URL('../../../vectors/http-signatures/rfc9421-b26.json', import.meta.url),
    'utf8',
  ),
) as {
  private_key_pem: string;
  public_key_pem: string;
  public_key_hex: string;
  signature_base: string;
  signature: string;
};
const rfcSignature = /^sig-b26=:([A-Za-z0-9+/=]+):$/.exec(b26.signature)![1]!;

describe('RFC 9421 B.2.6 in the CLI', () => {
  let cli: CliHome;
  beforeAll(async () => {
    cli = await createHome();
    await initHome(cli);
  });
  afterAll(() => cli?.cleanup());

  it('signs the signature base with test-key-ed25519 to the RFC signature, byte for byte', async () => {
    const stored = await cli.run(
      ['crypto', 'store-key', '--key-id', 'test-key-ed25519', '--private-key', '-', '--json'],
      { input: b26.private_key_pem },
    );
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.json()).toMatchObject({ public_key: b26.public_key_hex });

    const signed = await cli.run(
      [
        'crypto',
        'sign',
        '--key-id',
        'test-key-ed25519',
        '--message-stdin',
        '--signature-format',
        'base64',
      ],
      { input: b26.signature_base },
    );
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout.trim()).toBe(rfcSignature);
  });

  it("verifies the RFC signature with the RFC's public key, and refuses an altered base", async () => {
    // The PEM starts with '-', so it goes as --public-key=VALUE, the form the usage error hints at.
    const verify = (base: string) =>
      cli.run(
        [
          'crypto',
          'verify-local',
          `--public-key=${b26.public_key_pem}`,
          '--message-stdin',
          '--signature',
          Buffer.from(rfcSignature, 'base64').toString('hex'),
        ],
        { input: base },
      );
    expect((await verify(b26.signature_base)).code).toBe(0);
    expect((await verify(b26.signature_base.replace('POST', 'GET'))).code).toBe(8);
  });
});
