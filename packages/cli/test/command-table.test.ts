import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { loadAllCommands } from '../src/cli/command-loaders.js';
import { ALIASES, COMMAND_NAMES, COMMAND_TABLE, commandNamed } from '../src/cli/command-table.js';
import { topLevelHelp } from '../src/cli/help.js';

// One command table (src/cli/command-table.ts): the modules under commands/, the definitions
// they make, the loaders and --help all follow it.

describe('the command table', () => {
  it('names exactly the modules under src/commands/ (one bundle file each)', () => {
    const modules = readdirSync(fileURLToPath(new URL('../src/commands', import.meta.url)))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3));
    expect([...modules].sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it("loads, for each name, the command of that name with the table's summary", async () => {
    const commands = await loadAllCommands();
    expect(commands.map((c) => c.name)).toEqual(COMMAND_NAMES);
    for (const c of commands) expect(c.summary, c.name).toBe(COMMAND_TABLE[c.name]);
  });

  it('lists every command in --help, in its order, with its summary', () => {
    const lines = topLevelHelp().split('\n');
    const listed = lines.filter((l) => COMMAND_NAMES.some((n) => l.startsWith(`  ${n} `)));
    expect(listed.map((l) => l.trim().split(/\s+/)[0])).toEqual(COMMAND_NAMES);
    for (const name of COMMAND_NAMES) {
      expect(lines.find((l) => l.startsWith(`  ${name} `))).toContain(COMMAND_TABLE[name]);
    }
  });

  it('resolves names and aliases, and nothing else', () => {
    for (const name of COMMAND_NAMES) expect(commandNamed(name)).toBe(name);
    for (const [alias, name] of Object.entries(ALIASES)) expect(commandNamed(alias)).toBe(name);
    for (const other of ['sing', 'crypto', 'constructor', '__proto__', 'toString', ''])
      expect(commandNamed(other)).toBeUndefined();
  });
});
