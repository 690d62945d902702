import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { COMMAND_NAMES } from '../src/cli/command-table.js';
import { createHome, initHome, type CliHome } from './helpers/cli.js';

// The CLI's first minutes: typos get suggestions and usage errors a hint that fits them; shells
// complete commands, options and values from the command table; the man page comes from the same
// table; show-key prints the private key only when asked.

const MAN_PAGE = fileURLToPath(new URL('../man/datafold_cli.1', import.meta.url));

describe('datafold_cli manners', () => {
  let cli: CliHome;
  beforeAll(async () => {
    cli = await createHome();
    await initHome(cli);
    expect((await cli.run(['crypto', 'generate-key', '--key-id', 'app'])).code).toBe(0);
  });
  afterAll(() => cli?.cleanup());

  it('suggests the command and the option meant, with a hint that fits the mistake', async () => {
    const command = await cli.run(['crypto', 'sing', '--key-id', 'app']);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Unknown command "sing"; did you mean "sign"?');
    expect(command.stderr).toContain('hint: datafold_cli crypto sign --help');

    const option = await cli.run(['crypto', 'sign', '--kye-id', 'app', '--message', 'x']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Unknown option --kye-id; did you mean --key-id?');
    expect(option.stderr).toContain('hint: usage: datafold_cli crypto sign --key-id ID');

    const unquoted = await cli.run([
      'crypto',
      'sign',
      '--key-id',
      'app',
      '--message',
      'Hello',
      'DataFold',
    ]);
    expect(unquoted.stderr).toContain('Unexpected argument "DataFold"');
    expect(unquoted.stderr).toContain('a value with spaces needs quotes');

    const missing = await cli.run(['crypto', 'sign', '--key-id']);
    expect(missing.stderr).toContain('--key-id needs a value');

    // A value that starts with "-" (a PEM key) after a space is not taken for the option's value.
    const dashed = await cli.run([
      'crypto',
      'verify-local',
      '--public-key',
      '-----BEGIN PUBLIC KEY-----',
    ]);
    expect(dashed.code).toBe(2);
    expect(dashed.stderr).toContain('--public-key\'s value starts with "-"');
    expect(dashed.stderr).toContain('write --public-key=VALUE');

    const json = await cli.run(['crypto', 'sing', '--json']);
    expect(json.json()).toEqual({
      error: { code: 'INVALID_ARGUMENT', message: 'Unknown command "sing"; did you mean "sign"?' },
    });
  });

  it('bash completes commands, options and option values', async () => {
    const script = join(cli.home, 'datafold_cli.bash');
    await writeFile(script, (await cli.run(['completion', 'bash'])).stdout);
    // The function bash calls on Tab, given the words typed so far.
    const complete = (...words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _datafold_cli; printf "%s\\n" "${COMPREPLY[@]}"',
          'complete-test',
          script,
          ...words,
        ],
        { encoding: 'utf8' },
      )
        .split('\n')
        .filter(Boolean);
    expect(complete('datafold_cli', 'crypto', 'si')).toEqual(['sign', 'sign-request']);
    expect(complete('datafold_cli', 'sig')).toEqual(['sign', 'sign-request']);
    expect(complete('datafold_cli', 'crypto', 'req')).toEqual(['request']);
    expect(complete('datafold_cli', 'crypto', 'sign', '--ke')).toEqual(['--key-id']);
    expect(complete('datafold_cli', 'crypto', 'show-key', '--format', '')).toEqual([
      'hex',
      'base64',
      'pem',
      'raw',
      'jwk',
    ]);
    expect(
      complete('datafold_cli', '--config', 'x.json', 'crypto', 'rotate-key', '--method', 'de'),
    ).toEqual(['derive']);
    expect(complete('datafold_cli', 'crypto', 'init', '--security-level', 's')).toEqual([
      'sensitive',
    ]);
  });

  // zsh, fish and groff come with scripts/ensure-system-deps.sh.
  it('the zsh script parses and covers every command; fish completes as bash does', async () => {
    const zsh = await cli.run(['completion', 'zsh']);
    expect(zsh.code, zsh.stderr).toBe(0);
    for (const name of COMMAND_NAMES) expect(zsh.stdout).toContain(`'${name}:`);
    const zshFile = join(cli.home, '_datafold_cli');
    await writeFile(zshFile, zsh.stdout);
    execFileSync('zsh', ['-n', zshFile]);

    const fish = join(cli.home, 'datafold_cli.fish');
    await writeFile(fish, (await cli.run(['completion', 'fish'])).stdout);
    const complete = (line: string) =>
      execFileSync('fish', ['-c', 'source $argv[1]; complete -C $argv[2]', fish, line], {
        encoding: 'utf8',
      })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(complete('datafold_cli crypto si')).toEqual(['sign', 'sign-request']);
    expect(complete('datafold_cli crypto sign --ke')).toEqual(['--key-id']);
    expect(complete('datafold_cli crypto show-key --format ').sort()).toEqual([
      'base64',
      'hex',
      'jwk',
      'pem',
      'raw',
    ]);
    const unknown = await cli.run(['completion', 'tcsh']);
    expect(unknown.code).toBe(2);
  });

  it('the man page is the command table, and groff renders it', async () => {
    const printed = (await cli.run(['man'])).stdout;
    expect(await readFile(MAN_PAGE, 'utf8')).toBe(printed);
    // groff with the man macros, as man(1) runs it, as plain text (no bold, no colour).
    const rendered = execFileSync('groff', ['-man', '-Tutf8', '-P-cbou', '-rLL=200n'], {
      input: printed,
      encoding: 'utf8',
    });
    expect(rendered).toContain('DATAFOLD_CLI(1)');
    for (const name of COMMAND_NAMES) {
      expect(rendered, name).toMatch(new RegExp(`^\\s+${name}$`, 'm'));
    }
    expect(rendered).toContain('--key-id ID');
    expect(rendered).toContain('EXIT STATUS');
  });

  it('show-key prints the private key only when asked', async () => {
    const plain = await cli.run(['crypto', 'show-key', '--key-id', 'app', '--json'], {
      env: { DATAFOLD_PASSPHRASE: undefined },
    });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.json()).toMatchObject({ key_id: 'app', private_key: null });
    const asked = await cli.run(['crypto', 'show-key', '--key-id', 'app', '--private', '--json']);
    expect(asked.json<{ private_key: string }>().private_key).toMatch(/^[0-9a-f]{64}$/);
    const both = await cli.run([
      'crypto',
      'show-key',
      '--key-id',
      'app',
      '--private',
      '--public-only',
    ]);
    expect(both.code).toBe(2);
  });
});
