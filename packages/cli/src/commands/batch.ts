/// <reference types="node" />
import { availableParallelism } from 'node:os';

import { DataFoldError, ValidationError } from '@datafold/js-sdk';

import { defineCommand, type OptionValues } from '../cli/command.js';
import { loadCommand } from '../cli/command-loaders.js';
import { commandNamed } from '../cli/command-table.js';
import { isCodedError } from '../errors/coded-error.js';
import { EXIT, exitCodeFor } from '../cli/exit-codes.js';
import { requireString } from '../cli/option-readers.js';
import { STDERR } from '../io/fd-writer.js';
import { readInputFile } from '../io/files.js';
import { Output } from '../io/output.js';
import { keysOf, runInDependencyOrder } from '../cli/batch-schedule.js';

/** The seed's short operation types, and the command each stands for. */
const TYPES: Record<string, string> = {
  generate: 'generate-key',
  derive: 'derive-key',
  sign: 'sign',
  verify: 'verify-local',
  rotate: 'rotate-key',
  delete: 'delete-key',
  store: 'store-key',
  export: 'export-key',
  import: 'import-key',
};
const NOT_IN_BATCH = new Set(['batch', 'init', 'delete-key-interactive']);

interface OperationResult {
  index: number;
  type: string;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

/** `{"key_id": "a", "keep_old": true}` → `{ 'key-id': 'a', 'keep-old': true }`. */
function toOptions(op: Record<string, unknown>): OptionValues {
  const options: OptionValues = {};
  for (const [name, value] of Object.entries(op)) {
    if (name === 'type') continue;
    const option = name.replaceAll('_', '-');
    if (typeof value === 'string' || typeof value === 'boolean') options[option] = value;
    else if (typeof value === 'number') options[option] = String(value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      options[option] = value;
    else
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `"${name}" must be a string, number, boolean or list of strings`,
      );
  }
  if (op.type === 'delete') options.confirm = true;
  return options;
}

export const command = defineCommand('batch', {
  usage: 'batch --file OPERATIONS.json [--parallel] [--continue-on-error]',
  description: [
    'Runs {"operations": [{"type": "generate", "key_id": "key1"}, ...]} in one process, asking for',
    'the passphrase once. type is generate, derive, sign, verify (local), rotate, delete, store,',
    "export, import or any command name; the other members are that command's options in",
    'snake_case (key_id, master_key_id, context, message, output, ...). Stops at the first failure',
    'unless --continue-on-error; --parallel runs up to one operation per core at a time, and',
    'operations naming the same key id one after another, in the order of the file. Reports',
    "each result; exits 0 when all succeed, else with the first failure's exit code.",
  ].join('\n'),
  options: {
    file: { type: 'string', short: 'f', value: 'FILE', help: 'the operations file' },
    parallel: { type: 'boolean', help: 'run operations concurrently' },
    'continue-on-error': { type: 'boolean', help: 'run the rest after a failure' },
  },
  examples: [
    'datafold_cli crypto batch --file operations.json',
    'datafold_cli crypto batch --file operations.json --parallel --continue-on-error --json',
  ],
  async run(ctx, options) {
    const file = requireString(options, 'file', '--file operations.json');
    let doc: unknown;
    try {
      doc = JSON.parse(await readInputFile(file, 'utf8'));
    } catch (error) {
      if (error instanceof DataFoldError) throw error;
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `${file} is not valid JSON: ${(error as Error).message}`,
      );
    }
    const list = (doc as { operations?: unknown })?.operations;
    if (!Array.isArray(list) || list.length === 0) {
      throw new ValidationError(
        'INVALID_ARGUMENT',
        `${file} must be {"operations": [ ... ]} with at least one operation`,
      );
    }
    // Check every operation before running any, so a typo at the end does not leave half a batch.
    const planned = list.map((op: unknown, index) => {
      if (
        typeof op !== 'object' ||
        op === null ||
        typeof (op as { type?: unknown }).type !== 'string'
      ) {
        throw new ValidationError('INVALID_ARGUMENT', `operation ${index} needs a "type"`);
      }
      const type = (op as { type: string }).type;
      const name = commandNamed(Object.hasOwn(TYPES, type) ? TYPES[type]! : type);
      if (name === undefined || NOT_IN_BATCH.has(name)) {
        throw new ValidationError('INVALID_ARGUMENT', `operation ${index}: unknown type "${type}"`);
      }
      return { index, type, name, options: toOptions(op as Record<string, unknown>) };
    });

    const results: OperationResult[] = [];
    let failed = false;
    // An operation that ends with an exit code of its own (self-test with a failed check) is
    // reported, and the batch exits with that code unless an operation failed outright.
    let ownCode: number | undefined;
    const progress = ctx.out.progress('Batch');
    let done = 0;
    const runOne = async (p: (typeof planned)[number]): Promise<void> => {
      let captured = '';
      const sink = {
        write(chunk: string | Uint8Array) {
          captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        },
      };
      const out = new Output({ json: true, color: false, stdout: sink, stderr: STDERR });
      try {
        const cmd = await loadCommand(p.name);
        const code = await cmd.run(ctx.withOutput(out, p.options), p.options, []);
        if (code !== EXIT.SUCCESS) ownCode ??= code;
        results.push({
          index: p.index,
          type: p.type,
          ok: true,
          result: captured.trim() ? JSON.parse(captured) : null,
        });
      } catch (error) {
        failed = true;
        const code = isCodedError(error) ? error.code : 'INTERNAL_ERROR';
        const message = error instanceof Error ? error.message : String(error);
        results.push({ index: p.index, type: p.type, ok: false, error: { code, message } });
      }
      progress.update(`${++done}/${planned.length}`);
    };
    const continueOnError = options['continue-on-error'] === true;
    if (options.parallel === true) {
      // Side by side, except operations on the same key: they keep the file's order.
      await runInDependencyOrder(
        planned.length,
        (i) => keysOf(planned[i]!.options),
        availableParallelism(),
        (i) => runOne(planned[i]!),
        () => failed && !continueOnError,
      );
    } else {
      for (const p of planned) {
        if (failed && !continueOnError) break;
        await runOne(p);
      }
    }
    progress.done();
    results.sort((a, b) => a.index - b.index);
    const failures = results.filter((r) => !r.ok);
    const skipped = planned.length - results.length;
    ctx.out.result(
      {
        total: planned.length,
        succeeded: results.length - failures.length,
        failed: failures.length,
        skipped,
        results,
      },
      [
        ...results.map(
          (r) =>
            `${r.ok ? ctx.out.style('ok  ', 'green') : ctx.out.style('FAIL', 'red')}  #${r.index} ${r.type}${r.error ? `: ${r.error.message} (${r.error.code})` : ''}`,
        ),
        `${results.length - failures.length} succeeded, ${failures.length} failed${skipped > 0 ? `, ${skipped} not run` : ''}`,
      ],
    );
    if (failures.length > 0) return exitCodeFor(failures[0]!.error!.code);
    return ownCode ?? EXIT.SUCCESS;
  },
});
