#!/usr/bin/env node
// Keeps docs/guides honest: every code block in a guide is a quote of a file under examples/
// (which the example tests run), marked by the comment line before it:
//
//   <!-- example: examples/signing/sign-and-verify.mjs -->            the whole file
//   <!-- example: examples/signing/sign-and-verify.mjs#verify -->     one region of it
//
// A region is the lines between `#region NAME` and `#endregion NAME` comment lines in the file
// (`// #region verify`, `# #region verify`), dedented; region marker lines never appear in quotes.
// Only ```mermaid diagrams and ```text (program output) blocks may stand without a marker.
// Relative links in the guides must point to files that exist.
//
//   node scripts/check-guides.mjs           exit 1 and name every mismatch
//   node scripts/check-guides.mjs --write   rewrite the quoted blocks from the files
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GUIDES = join(ROOT, 'docs/guides');
const MARKER = /^<!--\s*example:\s*(\S+?)(?:#([\w-]+))?\s*-->\s*$/;
const REGION_START = /^\s*(?:\/\/|#|<!--|;)\s*#region\s+([\w-]+)/;
const REGION_END = /^\s*(?:\/\/|#|<!--|;)\s*#endregion\b/;
const FENCE = /^(`{3,})(\S*)\s*$/;
const FREE_LANGUAGES = new Set(['mermaid', 'text']);

/** The quotable text of an example file, or of one region of it. */
export function quoteOf(file, region) {
  const lines = readFileSync(join(ROOT, file), 'utf8').replace(/\n$/, '').split('\n');
  let picked;
  if (region === undefined) {
    picked = lines;
  } else {
    const start = lines.findIndex((l) => REGION_START.exec(l)?.[1] === region);
    if (start < 0) throw new Error(`${file} has no region "${region}"`);
    const end = lines.findIndex((l, i) => i > start && REGION_END.test(l));
    if (end < 0) throw new Error(`${file}: region "${region}" is not closed`);
    picked = lines.slice(start + 1, end);
  }
  picked = picked.filter((l) => !REGION_START.test(l) && !REGION_END.test(l));
  const indent = Math.min(
    ...picked.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length),
  );
  return picked.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

function guideFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? guideFiles(join(dir, e.name))
      : e.name.endsWith('.md')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Checks (or rewrites) one guide; returns its problems and, with write, its new text. */
export function checkGuide(path, { write = false } = {}) {
  const name = relative(ROOT, path);
  const lines = readFileSync(path, 'utf8').split('\n');
  const out = [];
  const problems = [];
  const quoted = [];
  let pending = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const marker = MARKER.exec(line);
    if (marker) {
      if (pending) problems.push(`${name}:${pending.line}: example marker without a code block`);
      pending = { file: marker[1], region: marker[2], line: i + 1 };
      out.push(line);
      continue;
    }
    const fence = FENCE.exec(line);
    if (!fence) {
      if (pending && line.trim() !== '') {
        problems.push(`${name}:${pending.line}: example marker must be followed by a code block`);
        pending = null;
      }
      out.push(line);
      checkLinks(line, path, name, i + 1, problems);
      continue;
    }
    // A code block: find its end.
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== fence[1]) end++;
    if (end >= lines.length) {
      problems.push(`${name}:${i + 1}: code block is not closed`);
      out.push(...lines.slice(i));
      break;
    }
    const body = lines.slice(i + 1, end).join('\n');
    if (pending) {
      const where = `${name}:${i + 1}`;
      const target = `${pending.file}${pending.region ? `#${pending.region}` : ''}`;
      let expected = null;
      if (!pending.file.startsWith('examples/')) {
        problems.push(`${where}: ${pending.file} is not under examples/`);
      } else if (!existsSync(join(ROOT, pending.file))) {
        problems.push(`${where}: ${pending.file} does not exist`);
      } else {
        try {
          expected = quoteOf(pending.file, pending.region);
          quoted.push(target);
        } catch (error) {
          problems.push(`${where}: ${error.message}`);
        }
      }
      if (expected !== null && expected !== body) {
        if (write) {
          out.push(line, expected, lines[end]);
          pending = null;
          i = end;
          continue;
        }
        problems.push(
          `${where}: the block differs from ${target} (run node scripts/check-guides.mjs --write)`,
        );
      }
      pending = null;
    } else if (!FREE_LANGUAGES.has(fence[2])) {
      problems.push(
        `${name}:${i + 1}: a \`\`\`${fence[2] || '(no language)'} block without an example marker: ` +
          'quote a file under examples/ (or use ```text for program output)',
      );
    }
    out.push(...lines.slice(i, end + 1));
    i = end;
  }
  if (pending) problems.push(`${name}:${pending.line}: example marker without a code block`);
  return { problems, text: out.join('\n'), quoted };
}

function checkLinks(line, path, name, lineNo, problems) {
  for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    const file = resolve(dirname(path), target.split('#')[0]);
    if (!existsSync(file)) problems.push(`${name}:${lineNo}: link to ${target}: no such file`);
  }
}

/** Every guide's problems; with write, the stale quotes are rewritten first. */
export function checkGuides({ write = false } = {}) {
  const problems = [];
  const quoted = new Set();
  for (const path of guideFiles(GUIDES)) {
    const result = checkGuide(path, { write });
    if (write && result.text !== readFileSync(path, 'utf8')) writeFileSync(path, result.text);
    problems.push(...result.problems);
    for (const q of result.quoted) quoted.add(q);
  }
  return { problems, quoted };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { problems, quoted } = checkGuides({ write: process.argv.includes('--write') });
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error(`${problems.length} problem(s) in docs/guides`);
    process.exit(1);
  }
  console.log(`docs/guides: ${quoted.size} quoted examples match their files`);
}
