/// <reference types="node" />
import { availableParallelism } from 'node:os';

import { keysOf, runInDependencyOrder } from '../cli/batch-schedule.js';
import { readOperations, type PlannedOperation } from '../cli/batch-operations.js';
import { defineCommand } from '../cli/command.js';
import { loadCommand } from '../cli/command-loaders.js';
import type { Context } from '../cli/context.js';
import { EXIT, exitCodeFor } from '../cli/exit-codes.js';
import { requireString } from '../cli/option-readers.js';
import { isCodedError } from '../errors/coded-error.js';
import { STDERR } from '../io/fd-writer.js';
import { Output } from '../io/output.js';

/** What batch reports of one operation. */
interface OperationResult {
  index: number;
  type: string;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
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
    const planned = await readOperations(requireString(options, 'file', '--file operations.json'));
    const progress = ctx.out.progress('Batch');
    const results: OperationResult[] = [];
    let failed = false;
    // An operation that ends with an exit code of its own (self-test with a failed check) is
    // reported, and the batch exits with that code unless an operation failed outright.
    let ownCode: number | undefined;
    const runOne = async (operation: PlannedOperation): Promise<void> => {
      const { result, code } = await runOperation(ctx, operation);
      results.push(result);
      failed ||= !result.ok;
      if (result.ok && code !== EXIT.SUCCESS) ownCode ??= code;
      progress.update(`${results.length}/${planned.length}`);
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
      for (const operation of planned) {
        if (failed && !continueOnError) break;
        await runOne(operation);
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

/**
 * Runs one operation in this process, its --json document captured as its result: the run's
 * configuration, store and passphrases are shared, so a passphrase is asked for once. An error
 * is the operation's failure, reported with its code; it never ends the batch by itself. Also
 * the exit code the operation would have had on its own.
 */
async function runOperation(
  ctx: Context,
  operation: PlannedOperation,
): Promise<{ result: OperationResult; code: number }> {
  const { index, type } = operation;
  let captured = '';
  const sink = {
    write(chunk: string | Uint8Array) {
      captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    },
  };
  const out = new Output({ json: true, color: false, stdout: sink, stderr: STDERR });
  try {
    const command = await loadCommand(operation.name);
    const code = await command.run(ctx.withOutput(out, operation.options), operation.options, []);
    const result = captured.trim() ? (JSON.parse(captured) as unknown) : null;
    return { result: { index, type, ok: true, result }, code };
  } catch (error) {
    const code = isCodedError(error) ? error.code : 'INTERNAL_ERROR';
    const message = error instanceof Error ? error.message : String(error);
    return {
      result: { index, type, ok: false, error: { code, message } },
      code: exitCodeFor(code),
    };
  }
}
