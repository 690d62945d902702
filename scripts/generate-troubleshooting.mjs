#!/usr/bin/env node
// Generates the error table of docs/guides/10-troubleshooting.md from spec/errors.json (the one
// list of error codes) and the CLI's exit codes, between the BEGIN/END markers in that file; the
// prose around the markers is written by hand. `--check` exits 1 when the committed table differs
// from what would be generated. Needs the build (`npm run build`) for the CLI's exit codes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const specPath = `${root}spec/errors.json`;
const guidePath = `${root}docs/guides/10-troubleshooting.md`;
const exitCodesPath = `${root}packages/cli/dist/cli/exit-codes.js`;
const BEGIN =
  '<!-- BEGIN GENERATED: scripts/generate-troubleshooting.mjs from spec/errors.json -->';
const END = '<!-- END GENERATED -->';

/** Where each category's errors come from, in the order a reader meets them. */
const CATEGORIES = {
  input: 'Bad input (any face; the server answers these with 400 before anything else)',
  crypto: 'Keys, signatures and key derivation',
  backup: 'Backups',
  storage: 'Key storage (IndexedDB, key files, memory)',
  server: 'Server answers (HTTP status as sent)',
  'signed-requests':
    'Signed requests (RFC 9421, spec/http-message-signatures-v1.md; any verifier: server, middleware, SDKs)',
  client: 'Talking to the server (SDK and CLI side)',
  platform: 'Platform support',
  cli: 'The CLI',
  python: 'The Python SDK',
};

function cell(text) {
  return String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The generated block: one table per category, every code exactly once. */
export function renderTable(spec, exitCodeFor) {
  const seen = new Set();
  const order = [
    ...Object.keys(CATEGORIES),
    ...new Set(spec.errors.map((e) => e.category).filter((c) => !(c in CATEGORIES))),
  ];
  const parts = [BEGIN, ''];
  parts.push(
    `${spec.errors.length} codes. HTTP is the status \`datafold-server\` answers with (the SDKs ` +
      'use the same status when they raise the code locally); exit is the `datafold_cli` exit code.',
    '',
  );
  for (const category of order) {
    const errors = spec.errors.filter((e) => e.category === category);
    if (errors.length === 0) continue;
    parts.push(`### ${CATEGORIES[category] ?? category}`, '');
    parts.push('| code | HTTP | exit | what it means | what to do |', '|---|---|---|---|---|');
    for (const e of errors) {
      if (seen.has(e.code)) throw new Error(`spec/errors.json lists ${e.code} twice`);
      seen.add(e.code);
      parts.push(
        `| <a id="${e.code.toLowerCase()}"></a>\`${e.code}\` | ${e.http_status} | ` +
          `${exitCodeFor(e.code)} | ${cell(e.meaning)} | ${cell(e.fix)} |`,
      );
    }
    parts.push('');
  }
  parts.push(END);
  return parts.join('\n');
}

/** The guide with its generated block replaced. */
export function renderGuide(current, table) {
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${guidePath} must contain the lines\n${BEGIN}\n${END}`);
  }
  return current.slice(0, start) + table + current.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(exitCodesPath)) {
    console.error(`${exitCodesPath} is missing: run npm run build first`);
    process.exit(1);
  }
  const { exitCodeFor } = await import(pathToFileURL(exitCodesPath).href);
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  const current = readFileSync(guidePath, 'utf8');
  const rendered = renderGuide(current, renderTable(spec, exitCodeFor));
  if (process.argv.includes('--check')) {
    if (current !== rendered) {
      console.error(
        'docs/guides/10-troubleshooting.md is out of date with spec/errors.json: ' +
          'run node scripts/generate-troubleshooting.mjs',
      );
      process.exit(1);
    }
    console.log(`docs/guides/10-troubleshooting.md: ${spec.errors.length} codes, current`);
  } else {
    writeFileSync(guidePath, rendered);
  }
}
