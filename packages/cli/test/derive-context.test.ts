import { bytesToHex, deriveEd25519KeyPair, deriveKey, hexToBytes } from '@datafold/js-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createHome, initHome, type CliHome } from './helpers/cli.js';

// spec/derivation-v1.md §2: --context is the SDKs' context argument as is. The document's
// `derive-key --context signing` is the info "signing" (as deriveKey(master, { info: 'signing' })
// in every SDK), and SIGNING, exactly so, is the named context datafold_signing_v1. The Python
// SDK's answer for the same master is checked in python/tests/test_derive_context.py.

describe('derive-key --context', () => {
  let cli: CliHome;
  let master: Uint8Array;
  const salt = '00112233445566778899aabbccddeeff';

  beforeAll(async () => {
    cli = await createHome();
    await initHome(cli);
    const r = await cli.run(['crypto', 'retrieve-key', '--key-id', 'master']);
    master = hexToBytes(r.stdout.trim());
  });
  afterAll(() => cli?.cleanup());

  const derive = async (context: string) => {
    const r = await cli.run([
      'crypto',
      'derive-key',
      '--context',
      context,
      '--salt',
      salt,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    return { ...r.json<{ key: string; info: string }>(), stderr: r.stderr };
  };
  const sdk = async (info: string) =>
    bytesToHex((await deriveKey(master, { algorithm: 'HKDF', info, salt: hexToBytes(salt) })).key);

  it("the document's --context signing is the info 'signing', as in the SDKs", async () => {
    const lower = await derive('signing');
    expect(lower).toMatchObject({ key: await sdk('signing'), info: 'signing' });
    expect(lower.stderr).toContain('--context SIGNING selects datafold_signing_v1');
  });

  it('SIGNING, DATA_ENCRYPTION and AUTHENTICATION are the named contexts, by their exact names', async () => {
    for (const [name, info] of [
      ['SIGNING', 'datafold_signing_v1'],
      ['DATA_ENCRYPTION', 'datafold_data_encryption_v1'],
      ['AUTHENTICATION', 'datafold_auth_v1'],
    ] as const) {
      const named = await derive(name);
      expect(named).toMatchObject({ key: await sdk(name), info });
      expect(named.key).toBe(await sdk(info));
      expect(named.stderr).toBe('');
    }
    expect((await derive('data_encryption')).key).toBe(await sdk('data_encryption'));
  });

  it('--output-key-id stores deriveEd25519KeyPair(master, context) with the same rule', async () => {
    const r = await cli.run([
      'crypto',
      'derive-key',
      '--context',
      'signing',
      '--output-key-id',
      'literal-signing',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const expected = await deriveEd25519KeyPair(master, 'signing');
    expect(r.json()).toMatchObject({ public_key: bytesToHex(expected.publicKey) });
  });
});
