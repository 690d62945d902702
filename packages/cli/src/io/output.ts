/// <reference types="node" />

/** Where and how the CLI writes: the one module that knows about --json and colour. */
export interface OutputOptions {
  json: boolean;
  /** Colour on terminals unless NO_COLOR is set (https://no-color.org) or --no-color. */
  color: boolean;
  stdout: OutputSink;
  stderr: OutputSink;
}

/** Where output goes: a descriptor (io/fd-writer.ts), or a collector in batch and the tests. */
export interface OutputSink {
  write(chunk: string | Uint8Array): unknown;
  readonly isTTY?: boolean;
}

export type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan';
const SGR: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  green: [32, 39],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

/** A progress line on stderr; a no-op unless stderr is a terminal. */
export interface Progress {
  update(text: string): void;
  done(): void;
}

/**
 * The CLI's output. Every command reports through `result` exactly once: readable lines by
 * default, or with --json exactly one JSON document on stdout. Warnings, prompts and progress
 * go to stderr so stdout stays parseable; progress only when stderr is a terminal.
 *
 * @example
 * out.result({ key_id: 'app', public_key: hex }, [`Key app stored`, `public key: ${hex}`]);
 */
export class Output {
  readonly json: boolean;
  private readonly color: boolean;
  private emitted = false;
  private readonly stdout: OutputOptions['stdout'];
  private readonly stderr: OutputOptions['stderr'];

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.color = options.color;
    this.stdout = options.stdout;
    this.stderr = options.stderr;
  }

  /** True once a result (or an error document) went to stdout. */
  get hasEmitted(): boolean {
    return this.emitted;
  }

  get stdoutIsTTY(): boolean {
    return this.stdout.isTTY === true;
  }

  get stderrIsTTY(): boolean {
    return this.stderr.isTTY === true;
  }

  /** Colours text for stdout when colour is on. */
  style(text: string, style: Style): string {
    if (!this.color || !this.stdoutIsTTY || this.json) return text;
    const [on, off] = SGR[style];
    return `\u001b[${on}m${text}\u001b[${off}m`;
  }

  /** The command's answer: `data` as JSON with --json, else the human lines. */
  result(data: Record<string, unknown>, human: string | string[]): void {
    if (this.emitted) throw new Error('a command reported twice');
    this.emitted = true;
    if (this.json) {
      this.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      return;
    }
    const text = Array.isArray(human) ? human.join('\n') : human;
    if (text !== '') this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Bytes or text that are the answer itself (a raw key, a signature): stdout, unchanged. */
  raw(data: Uint8Array | string): void {
    this.emitted = true;
    this.stdout.write(data);
  }

  /** The failure: `{"error":{"code","message"}}` on stdout with --json, else a line on stderr. */
  error(code: string, message: string, fix?: string): void {
    if (this.json && !this.emitted) {
      this.emitted = true;
      this.stdout.write(`${JSON.stringify({ error: { code, message } }, null, 2)}\n`);
      return;
    }
    const label = this.color && this.stderrIsTTY ? `\u001b[31merror\u001b[39m` : 'error';
    this.stderr.write(`${label}: ${message} (${code})\n`);
    if (fix) this.stderr.write(`  hint: ${fix}\n`);
  }

  /** A warning on stderr, in every mode. */
  warn(message: string): void {
    const label = this.color && this.stderrIsTTY ? `\u001b[33mwarning\u001b[39m` : 'warning';
    this.stderr.write(`${label}: ${message}\n`);
  }

  /**
   * A debug line on stderr, in every mode (stdout stays the command's own): the SDK's and the
   * CLI's events when -v, RUST_LOG=debug|trace or DATAFOLD_DEBUG=1 asks for them. The fields
   * arrive redacted by the SDK's rule.
   */
  debug(event: string, fields: Record<string, unknown>): void {
    const label = this.color && this.stderrIsTTY ? `\u001b[2mdebug\u001b[22m` : 'debug';
    const pairs = Object.entries(fields).map(
      ([k, v]) => `${k}=${JSON.stringify(v) ?? 'undefined'}`,
    );
    this.stderr.write(`${label}: ${[event, ...pairs].join(' ')}\n`);
  }

  /** A note on stderr for people (not with --json). */
  note(message: string): void {
    if (!this.json) this.stderr.write(`${message}\n`);
  }

  /** Writes a prompt to stderr. */
  prompt(text: string): void {
    this.stderr.write(text);
  }

  /** A progress line redrawn in place on a terminal's stderr; nothing elsewhere. */
  progress(label: string): Progress {
    if (!this.stderrIsTTY) return { update: () => undefined, done: () => undefined };
    const stderr = this.stderr;
    stderr.write(`${label}…`);
    return {
      update(text: string) {
        stderr.write(`\r\u001b[2K${label}… ${text}`);
      },
      done() {
        stderr.write('\r\u001b[2K');
      },
    };
  }
}
