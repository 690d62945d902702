// The server the dashboard suites drive: started the way `./scripts/start.sh` does (plus a free
// port and a temp data dir, from @datafold/test-support), with an admin and an auditor token
// created beforehand with `datafold-server token create`, as operators make them.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createToken, startDatafoldServer } from '@datafold/test-support';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
/** The built dashboard the server serves at `/`: the tests run what users run. */
const DASHBOARD_INDEX = join(ROOT, 'packages/dashboard/dist/index.html');

/** Where screenshots go (git-ignored), for a reviewer to look at. */
export const SCREENSHOTS = join(ROOT, 'test-output/dashboard');

/** A `datafold-server` process on a free port with a fresh SQLite directory and two tokens. */
export interface DashboardServer {
  url: string;
  adminToken: string;
  auditorToken: string;
  /** The server's data directory (its SQLite file), for a test that must set what no route can. */
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the server with the built dashboard, after creating an admin and an auditor token.
 *
 * @example
 *   const server = await startDashboardServer();
 *   await page.goto(server.url);
 *   await server.stop();
 */
export async function startDashboardServer(): Promise<DashboardServer> {
  if (!existsSync(DASHBOARD_INDEX)) {
    throw new Error(`${DASHBOARD_INDEX} is missing: run npm run build first`);
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  let adminToken = '';
  let auditorToken = '';
  const server = await startDatafoldServer({
    beforeStart: async (dataDir) => {
      adminToken = await createToken(dataDir, 'admin');
      auditorToken = await createToken(dataDir, 'auditor');
    },
  });
  return {
    url: server.url,
    adminToken,
    auditorToken,
    dataDir: server.dataDir!,
    output: () => server.output(),
    async stop() {
      await server.stop();
    },
  };
}
