import type { CommandDefinition } from './command.js';
import { optionReferences, takesPath, type OptionReference } from './command-reference.js';

// Shell completion for datafold_cli, written from the command definitions themselves, so a new
// command or option completes as soon as it exists. Each script completes the command after the
// optional `crypto` group word, the command's options and the global ones, the values of options
// with few choices, and paths for FILE and DIR values.

const TOP_LEVEL = ['crypto', '--help', '--version'];

function words(list: readonly string[]): string {
  return list.join(' ');
}

/** The global options that take a value: their value is not the command word. */
function globalValueFlags(): string[] {
  return optionReferences(undefined)
    .filter((o) => o.value !== undefined)
    .map((o) => o.flag);
}

/** The bash `case "$prev"` arms of one command: its choices, and paths for FILE and DIR values. */
function bashValueArms(options: OptionReference[]): string[] {
  const arms = options
    .filter((o) => o.choices !== undefined)
    .map(
      (o) =>
        `${o.flag}) COMPREPLY=($(compgen -W ${JSON.stringify(words(o.choices!))} -- "$cur")); return ;;`,
    );
  const paths = options.filter(takesPath).map((o) => o.flag);
  if (paths.length > 0)
    arms.push(`${paths.join(' | ')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`);
  return arms;
}

/**
 * The bash script: `source <(datafold_cli completion bash)`, or save it as
 * ~/.local/share/bash-completion/completions/datafold_cli.
 *
 * @example
 * process.stdout.write(bashCompletion(await loadAllCommands()));
 */
export function bashCompletion(commands: CommandDefinition[]): string {
  const cases = commands
    .map((c) => {
      const options = optionReferences(c);
      const arms = bashValueArms(options).map((arm) => `        ${arm}`);
      return [
        `    ${c.name})`,
        ...(arms.length > 0 ? ['      case "$prev" in', ...arms, '      esac'] : []),
        `      opts=${JSON.stringify(words(options.map((o) => o.flag)))} ;;`,
      ].join('\n');
    })
    .join('\n');
  const topArms = bashValueArms(optionReferences(undefined)).map((arm) => `      ${arm}`);
  return `# datafold_cli completion for bash (datafold_cli completion bash)
_datafold_cli() {
  local cur prev cmd i opts=""
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${globalValueFlags().join(' | ')}) ((i++)) ;;
      crypto | -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$cmd" in
    "")
      case "$prev" in
${topArms.join('\n')}
      esac
      COMPREPLY=($(compgen -W ${JSON.stringify(words([...commands.map((c) => c.name), ...TOP_LEVEL]))} -- "$cur"))
      return ;;
${cases}
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o default -F _datafold_cli datafold_cli
`;
}

function zshOption(o: OptionReference): string {
  const help = o.help.replace(/[[\]:'\\]/g, ' ');
  const value = o.choices
    ? `:${o.value ?? 'value'}:(${o.choices.join(' ')})`
    : takesPath(o)
      ? `:${o.value ?? 'file'}:_files`
      : o.value
        ? `:${o.value}:`
        : '';
  return `'${o.flag}[${help}]${value}'`;
}

/**
 * The zsh script: save it as `_datafold_cli` in a directory of `$fpath`.
 *
 * @example
 * process.stdout.write(zshCompletion(await loadAllCommands()));
 */
export function zshCompletion(commands: CommandDefinition[]): string {
  const describe = commands
    .map((c) => `    '${c.name}:${c.summary.replace(/[':\\]/g, ' ')}'`)
    .join('\n');
  const cases = commands
    .map((c) => `    ${c.name}) _arguments -s ${optionReferences(c).map(zshOption).join(' ')} ;;`)
    .join('\n');
  return `#compdef datafold_cli
# datafold_cli completion for zsh (datafold_cli completion zsh)
_datafold_cli() {
  local -a commands
  commands=(
${describe}
  )
  local i cmd=""
  for ((i = 2; i < CURRENT; i++)); do
    case "\${words[i]}" in
      crypto | -*) ;;
      *) cmd="\${words[i]}"; break ;;
    esac
  done
  if [[ -z "$cmd" ]]; then
    _describe -t commands 'datafold_cli command' commands
    compadd -- crypto --help --version
    return
  fi
  case "$cmd" in
${cases}
  esac
}
_datafold_cli "$@"
`;
}

/**
 * The fish script: save it as ~/.config/fish/completions/datafold_cli.fish.
 *
 * @example
 * process.stdout.write(fishCompletion(await loadAllCommands()));
 */
export function fishCompletion(commands: CommandDefinition[]): string {
  const names = words(commands.map((c) => c.name));
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = [
    '# datafold_cli completion for fish (datafold_cli completion fish)',
    `complete -c datafold_cli -f`,
    `complete -c datafold_cli -n "not __fish_seen_subcommand_from ${names}" -a crypto -d 'the command group (optional)'`,
    ...commands.map(
      (c) =>
        `complete -c datafold_cli -n "not __fish_seen_subcommand_from ${names}" -a ${c.name} -d ${quote(c.summary)}`,
    ),
  ];
  for (const c of commands) {
    for (const o of optionReferences(c)) {
      const parts = [
        'complete -c datafold_cli',
        `-n "__fish_seen_subcommand_from ${c.name}"`,
        `-l ${o.flag.slice(2)}`,
        ...(o.short ? [`-s ${o.short.slice(1)}`] : []),
        ...(o.choices
          ? [`-x -a ${quote(o.choices.join(' '))}`]
          : takesPath(o)
            ? ['-r -F']
            : o.value
              ? ['-x']
              : []),
        `-d ${quote(o.help)}`,
      ];
      lines.push(parts.join(' '));
    }
  }
  return `${lines.join('\n')}\n`;
}
