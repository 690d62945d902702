#!/usr/bin/env node
// Generates packages/sdk/src/errors/registry.ts from spec/errors.json, the single source of the
// error codes. `--check` exits 1 when the committed file differs from what would be generated.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const specPath = `${root}spec/errors.json`;
const outPath = `${root}packages/sdk/src/errors/registry.ts`;

export function renderRegistry(spec) {
  const entries = spec.errors
    .map(
      (e) =>
        `  ${e.code}: {\n    httpStatus: ${e.http_status},\n    category: ${JSON.stringify(e.category)},\n` +
        `    meaning: ${JSON.stringify(e.meaning)},\n    fix: ${JSON.stringify(e.fix)},\n  },`,
    )
    .join('\n');
  return `// Generated from spec/errors.json by scripts/generate-error-registry.mjs. Do not edit.

/** Everything the registry says about one error code. */
export interface ErrorCodeInfo {
  readonly httpStatus: number;
  readonly category: string;
  readonly meaning: string;
  readonly fix: string;
}

/** Every error code any DataFold face can report, with its HTTP status, meaning and fix. */
export const ERROR_REGISTRY = {
${entries}
} as const satisfies Record<string, ErrorCodeInfo>;

/** A code from the registry. */
export type ErrorCode = keyof typeof ERROR_REGISTRY;
`;
}

const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const rendered = renderRegistry(spec);
if (process.argv.includes('--check')) {
  const current = readFileSync(outPath, 'utf8');
  if (current !== rendered) {
    console.error(`${outPath} is out of date: run node scripts/generate-error-registry.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(outPath, rendered);
}
