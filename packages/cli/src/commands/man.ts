import type { CommandDefinition } from '../cli/command.js';
import { loadCommandReference } from '../cli/command-reference.js';
import { manPage } from '../cli/man-page.js';

export const command: CommandDefinition = {
  name: 'man',
  summary: 'Print the manual page, datafold_cli(1), in roff',
  usage: 'man',
  description:
    'Prints the manual page of this version, written from the same command table as --help.\nRead it with: datafold_cli man | man -l -   (the package also installs it as datafold_cli.1).',
  options: {},
  examples: [
    'datafold_cli man | man -l -',
    'datafold_cli man > /usr/local/share/man/man1/datafold_cli.1',
  ],
  async run(ctx) {
    ctx.out.raw(manPage(await loadCommandReference()));
  },
};
