#!/usr/bin/env node
// The datafold_cli launcher, CommonJS (bin/package.json) so that a run never starts node's ES
// module loader: it requires the esbuild bundle (bundle/main.js, CommonJS, plus one
// self-contained file per command, so a command loads only what it needs) when it has been
// built, else imports the tsc output, which is slower to start. `npm run build -w @datafold/cli`
// builds both; set DATAFOLD_CLI_UNBUNDLED=1 to run the tsc output anyway.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

// node >= 22.1 keeps a V8 code cache of what it compiles when asked to; on node 20 the bundle's
// own loader keeps one for the command it loads (src/cli/require-with-code-cache.ts).
if (Number(process.versions.node.split('.')[0]) >= 22) {
  const { enableCompileCache } = require('node:module');
  if (typeof enableCompileCache === 'function' && process.env.DATAFOLD_CLI_NO_CODE_CACHE !== '1') {
    enableCompileCache();
  }
}

const bundled = join(__dirname, '..', 'bundle', 'main.js');
const loaded =
  process.env.DATAFOLD_CLI_UNBUNDLED !== '1' && existsSync(bundled)
    ? Promise.resolve(require(bundled))
    : import('../dist/main.js');
loaded
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
