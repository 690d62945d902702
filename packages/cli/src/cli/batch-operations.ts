import { DataFoldError, ValidationError } from '@datafold/js-sdk';

import { readInputFile } from '../io/files.js';
import type { OptionValues } from './command.js';
import { commandNamed, type CommandName } from './command-table.js';

// The batch file (`batch --file`): {"operations": [{"type": "generate", "key_id": "key1"}, ...]},
// each operation a command and its options in snake_case.

/** The seed's short operation types, and the command each stands for. */
const TYPES: Readonly<Record<string, CommandName>> = {
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
const NOT_IN_BATCH: ReadonlySet<string> = new Set(['batch', 'init', 'delete-key-interactive']);

/** One operation of a batch file, checked, with the options of its command. */
export interface PlannedOperation {
  /** Its place in the file, from 0. */
  index: number;
  /** The type as the file says it. */
  type: string;
  name: CommandName;
  options: OptionValues;
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

/**
 * The operations of a batch file, every one checked before any runs, so a typo at the end does
 * not leave half a batch: INVALID_ARGUMENT naming the file or the operation otherwise.
 *
 * @example
 * const planned = await readOperations('operations.json');
 */
export async function readOperations(file: string): Promise<PlannedOperation[]> {
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
  return list.map((op: unknown, index) => {
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
}
