/** The CLI's version, kept equal to packages/cli/package.json by a test (no JSON read at start). */
export const CLI_VERSION = '0.1.0';
