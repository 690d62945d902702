import { readFileSync } from 'node:fs';

/** This server's version, from its package.json: `/api/system/status`, `--version`, OpenAPI. */
export const SERVER_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
