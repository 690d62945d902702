// The CLI as users get it: packs @datafold/js-sdk, @datafold/cli and @datafold/server as
// `npm publish` would, installs the CLI's tarballs into an empty prefix (dependencies from the npm
// registry), and prints the packed sizes, the CLI's installed size, and its cold start
// (`datafold_cli --version`) beside `node -e ''`, interleaved in the same run.
//
//   npm run build && node bench/cli/installed-startup.mjs [--runs 40]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberArg } from '../args.mjs';

const RUNS = numberArg('--runs', 40);
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'datafold-installed-cli-'));
const npm = (args) => execFileSync('npm', args, { cwd: REPO, encoding: 'utf8', stdio: 'pipe' });

try {
  const packed = JSON.parse(
    npm([
      'pack',
      '--json',
      '--silent',
      '--pack-destination',
      work,
      ...['@datafold/js-sdk', '@datafold/cli', '@datafold/server'].flatMap((w) => ['-w', w]),
    ]),
  );
  for (const p of packed) {
    const unpacked = (p.unpackedSize / 1024 / 1024).toFixed(1);
    console.log(`${p.name}: ${Math.round(p.size / 1024)} KiB packed, ${unpacked} MiB unpacked`);
  }
  const tarball = (name) => join(work, packed.find((p) => p.name === name).filename);
  const prefix = join(work, 'prefix');
  const cache = join(work, 'cache');
  const tarballs = [tarball('@datafold/js-sdk'), tarball('@datafold/cli')];
  npm([
    'install',
    '-g',
    '--prefix',
    prefix,
    '--cache',
    cache,
    '--no-audit',
    '--no-fund',
    ...tarballs,
  ]);
  const cliDir = join(prefix, 'lib/node_modules/@datafold/cli');
  const size = execFileSync('du', ['-sk', cliDir], { encoding: 'utf8' }).split('\t')[0];
  console.log(`@datafold/cli installed with its dependencies: ${(size / 1024).toFixed(0)} MiB`);

  const commands = {
    "node -e ''": [process.execPath, ['-e', '']],
    'datafold_cli --version': [join(prefix, 'bin/datafold_cli'), ['--version']],
  };
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = 0; round < RUNS; round += 1) {
    for (const [name, [file, args]] of Object.entries(commands)) {
      const start = process.hrtime.bigint();
      const result = spawnSync(file, args, { stdio: 'pipe' });
      if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
      times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  for (const [name, ms] of Object.entries(medians)) {
    console.log(`${name}: median ${ms.toFixed(1)} ms over ${RUNS} runs`);
  }
  const ratio = medians['datafold_cli --version'] / medians["node -e ''"];
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(`ratio ${ratio.toFixed(2)} (node ${process.version}, load average ${load})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
