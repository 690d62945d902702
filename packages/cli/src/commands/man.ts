import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { loadAllCommands } from '../cli/command-loaders.js';
import { manPage } from '../cli/man-page.js';

export const command = defineCommand('man', {
  usage: 'man',
  description:
    'Prints the manual page of this version, written from the same command table as --help.\nRead it with: datafold_cli man | man -l -   (the package also installs it as datafold_cli.1).',
  options: {},
  examples: [
    'datafold_cli man | man -l -',
    'datafold_cli man > /usr/local/share/man/man1/datafold_cli.1',
  ],
  async run(ctx) {
    ctx.out.raw(manPage(await loadAllCommands()));
    return EXIT.SUCCESS;
  },
});
