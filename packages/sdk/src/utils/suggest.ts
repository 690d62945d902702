/**
 * The optimal string alignment distance (Levenshtein plus the swap of two neighbours): how many
 * one-character edits turn `a` into `b`. `sing` → `sign` and `--kye-id` → `--key-id` are 1.
 */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate the user most likely meant by `typed`, or undefined when none is close: the
 * nearest within two edits (one for words of four letters or fewer), else the one candidate
 * that `typed` begins. Case is ignored. The "did you mean" of `datafold_cli` and
 * `datafold-server`, so both answer a typo alike; it imports nothing, so a bundled entry point
 * carries only this function.
 *
 * @example
 * suggest('sing', ['sign', 'verify']); // 'sign'
 * suggest('--kye-id', ['--key-id', '--format']); // '--key-id'
 */
export function suggest(typed: string, candidates: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  const limit = word.replace(/^-+/, '').length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined && bestDistance <= limit) return best;
  const prefixed = candidates.filter((c) => c.toLowerCase().startsWith(word));
  return prefixed.length === 1 && word.replace(/^-+/, '').length >= 2 ? prefixed[0] : undefined;
}
