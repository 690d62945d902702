import type { OptionValues } from './command.js';

/**
 * The key ids an operation reads or writes: every option whose name ends in `key-id`
 * (`key-id`, `master-key-id`, `output-key-id`, `new-key-id`, ...). Two operations that share one
 * may depend on each other (a derive from a key the batch generates), so they never overlap.
 *
 * @example
 * keysOf({ 'master-key-id': 'k1', 'output-key-id': 'k1-signing' }); // Set { 'k1', 'k1-signing' }
 */
export function keysOf(options: OptionValues): Set<string> {
  const keys = new Set<string>();
  for (const [name, value] of Object.entries(options)) {
    if (name.endsWith('key-id') && typeof value === 'string') keys.add(value);
  }
  return keys;
}

/**
 * Runs `count` operations at most `limit` at a time, each after every earlier operation that
 * shares a key id with it (`keysAt(i)`), so `--parallel` keeps the order a batch file relies on
 * (generate, then derive from it) and runs the rest side by side. Once `stop()` is true no
 * further operation starts.
 *
 * @example
 * await runInDependencyOrder(ops.length, (i) => keysOf(ops[i].options), 2, runOne, () => failed);
 */
export async function runInDependencyOrder(
  count: number,
  keysAt: (index: number) => ReadonlySet<string>,
  limit: number,
  run: (index: number) => Promise<void>,
  stop: () => boolean,
): Promise<void> {
  const finished: Array<Promise<void>> = [];
  let running = 0;
  const waiting: Array<() => void> = [];
  const slot = async () => {
    while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  for (let i = 0; i < count; i++) {
    const keys = keysAt(i);
    const before = finished.filter((_, j) => [...keysAt(j)].some((k) => keys.has(k)));
    finished.push(
      (async () => {
        await Promise.all(before);
        await slot();
        try {
          if (!stop()) await run(i);
        } finally {
          release();
        }
      })(),
    );
  }
  await Promise.all(finished);
}
