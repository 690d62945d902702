/// <reference types="node" />
import { validatePassphrase, ValidationError } from '@datafold/js-sdk';

import type { Output } from './output.js';
import { readInputFile, readStdin } from './files.js';
import { canPrompt, promptLine } from './prompt.js';

/** Where a passphrase may come from, in the order they are tried. */
export interface PassphraseSources {
  file?: string;
  stdin?: boolean;
  argv?: string;
  envName: string;
  env: NodeJS.ProcessEnv;
}

function weak(issues: string[]): ValidationError {
  return new ValidationError('WEAK_PASSPHRASE', `The passphrase is too weak: ${issues.join('; ')}`);
}

function assertStrong(passphrase: string): string {
  const verdict = validatePassphrase(passphrase);
  if (!verdict.valid) throw weak(verdict.issues);
  return passphrase;
}

/** The passphrase as given: one trailing newline (from a file or a pipe) is not part of it. */
function chompLine(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/**
 * Asks for passphrases the way the CLI documents: `--passphrase-file`, `--passphrase-stdin`,
 * `--passphrase` (works, but warns: argv is visible to other users in `ps`), the environment
 * variable, then a hidden prompt on a terminal. Each answer is read once per run. Passphrases
 * are never echoed, logged or put in an error message.
 *
 * @example
 * const reader = new PassphraseReader(out, { envName: 'DATAFOLD_PASSPHRASE', env: process.env });
 * const passphrase = await reader.get('Passphrase for key "app"');
 */
export class PassphraseReader {
  private cached: string | undefined;

  constructor(
    private readonly out: Output,
    private readonly sources: PassphraseSources,
    private readonly optionPrefix = 'passphrase',
  ) {}

  /** Whether a passphrase can be had without asking (file, stdin, argv or environment). */
  get available(): boolean {
    const s = this.sources;
    return (
      this.cached !== undefined ||
      s.file !== undefined ||
      s.stdin === true ||
      s.argv !== undefined ||
      s.env[s.envName] !== undefined
    );
  }

  /** The passphrase that unlocks something that exists. */
  async get(label: string): Promise<string> {
    return (this.cached ??= await this.read(label));
  }

  /**
   * A passphrase for something new, checked for strength. On a terminal it is asked twice, and a
   * weak or mismatched one is asked again, up to `attempts` times (default 3); from a file, stdin,
   * argv or the environment there is no one to ask, so a weak one fails at once.
   */
  async getNew(label: string, attempts = 3): Promise<string> {
    if (this.cached !== undefined) return assertStrong(this.cached);
    if (this.available || !canPrompt()) {
      this.cached = assertStrong(await this.read(label));
      return this.cached;
    }
    for (let attempt = 1; ; attempt++) {
      const first = await promptLine(`${label}: `, { hidden: true });
      let problem: ValidationError | undefined;
      const verdict = validatePassphrase(first);
      if (!verdict.valid) {
        problem = weak(verdict.issues);
      } else if ((await promptLine(`${label} (again): `, { hidden: true })) !== first) {
        problem = new ValidationError(
          'INVALID_ARGUMENT',
          'The two passphrases differ; nothing was changed',
        );
      }
      if (problem === undefined) return (this.cached = first);
      if (attempt >= attempts) throw problem;
      const left = attempts - attempt;
      this.out.warn(
        `${problem.message.replace('; nothing was changed', '')}; try again (${left} ${left === 1 ? 'try' : 'tries'} left)`,
      );
    }
  }

  private async read(label: string): Promise<string> {
    const s = this.sources;
    const p = this.optionPrefix;
    if (s.file !== undefined) return chompLine(await readInputFile(s.file, 'utf8'));
    if (s.stdin === true) {
      return chompLine(Buffer.from(await readStdin(`--${p}-stdin`)).toString('utf8'));
    }
    if (s.argv !== undefined) {
      this.out.warn(
        `--${p} puts the passphrase where other users can see it (ps, shell history); prefer --${p}-file, --${p}-stdin or ${s.envName}`,
      );
      return s.argv;
    }
    const fromEnv = s.env[s.envName];
    if (fromEnv !== undefined) return fromEnv;
    if (!canPrompt()) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `${label} is needed: set ${s.envName}, or pass --${p}-file FILE or --${p}-stdin (no terminal to ask on)`,
      );
    }
    const first = await promptLine(`${label}: `, { hidden: true });
    return first;
  }
}
