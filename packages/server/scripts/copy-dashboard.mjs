// Runs before `npm pack` / `npm publish` of @datafold/server: copies the built dashboard
// (@datafold/dashboard's dist, which is private and never published) into ./dashboard, so the
// tarball serves it at / wherever it is installed (src/http/serve-dashboard.ts looks there when
// @datafold/dashboard is not installed). Fails when the dashboard was not built: a server
// tarball without its dashboard is not one to publish.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverRoot = fileURLToPath(new URL('..', import.meta.url));
const dashboardRoot = dirname(
  createRequire(import.meta.url).resolve('@datafold/dashboard/package.json'),
);
const built = join(dashboardRoot, 'dist');
if (!existsSync(join(built, 'index.html'))) {
  console.error(`copy-dashboard: ${built} has no index.html; run \`npm run build\` first`);
  process.exit(1);
}
const target = join(serverRoot, 'dashboard');
rmSync(target, { recursive: true, force: true });
cpSync(built, target, { recursive: true });
