import { defineCommand } from '../cli/command.js';
import { EXIT } from '../cli/exit-codes.js';
import { loadAllCommands } from '../cli/command-loaders.js';
import { bashCompletion, fishCompletion, zshCompletion } from '../cli/completion-scripts.js';
import { usageError } from '../errors/usage-error.js';

const SHELLS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;

export const command = defineCommand('completion', {
  usage: 'completion bash|zsh|fish',
  description: [
    'Prints a script that completes commands, options and option values, written from the',
    'command table of this version. Install it once:',
    '  bash: datafold_cli completion bash > ~/.local/share/bash-completion/completions/datafold_cli',
    '  zsh:  datafold_cli completion zsh > "${fpath[1]}/_datafold_cli"',
    '  fish: datafold_cli completion fish > ~/.config/fish/completions/datafold_cli.fish',
  ].join('\n'),
  options: {},
  positionals: { min: 1, max: 1, names: 'the shell: bash, zsh or fish' },
  examples: ['source <(datafold_cli completion bash)', 'datafold_cli completion fish | source'],
  async run(ctx, _options, [shell]) {
    const write = SHELLS[shell as keyof typeof SHELLS];
    if (write === undefined) {
      throw usageError(`No completion for "${String(shell)}"; give bash, zsh or fish`);
    }
    ctx.out.raw(write(await loadAllCommands()));
    return EXIT.SUCCESS;
  },
});
