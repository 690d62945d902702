// The fingerprint vectors against OpenSSH's own `ssh-keygen -l`, an implementation that shares
// nothing with ours or with the generator: the spec's claim that operators can check a
// fingerprint with the tool they already have (spec/key-fingerprint-v1.md §3), tested.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTPUT } from '../../../../vectors/fingerprint/generate.mjs';
import { keyFingerprint } from '../../src/keys/key-fingerprint.js';

const SSH_KEYGEN = ['/usr/bin/ssh-keygen', '/usr/local/bin/ssh-keygen'].find((p) => existsSync(p));
const cases = (
  JSON.parse(readFileSync(OUTPUT, 'utf8')) as {
    cases: {
      name: string;
      public_key_hex: string;
      openssh_public_key: string;
      fingerprint: string;
    }[];
  }
).cases;

if (!SSH_KEYGEN) {
  console.warn(
    'ssh-keygen not found: the fingerprint vectors are not checked against OpenSSH here (scripts/ensure-system-deps.sh installs openssh-client)',
  );
}

describe.skipIf(!SSH_KEYGEN)('fingerprints against ssh-keygen -l', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fingerprint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const file = join(dir, 'key.pub');
    writeFileSync(file, `${c.openssh_public_key}\n`);
    // "256 SHA256:… comment (ED25519)"
    const printed = execFileSync(SSH_KEYGEN!, ['-l', '-E', 'sha256', '-f', file], {
      encoding: 'utf8',
    }).split(' ')[1];
    expect(printed).toBe(c.fingerprint);
    expect(keyFingerprint(c.public_key_hex)).toBe(printed);
  });
});
