import { describe, expect, it } from 'vitest';

import { snakeCase } from '../src/io/snake-case.js';

// --json names members in snake_case (spec/cli-exit-codes.md §2); commands keep the SDK's
// camelCase results and convert them only where they print them.

describe('snakeCase', () => {
  it('renames camelCase members and keeps their order and values', () => {
    const status = {
      registrationId: 'r1',
      clientId: 'c1',
      publicKey: 'ab',
      keyName: null,
      registeredAt: '2025-01-01T00:00:00Z',
      status: 'active' as const,
      lastUsed: null,
    };
    const printed = snakeCase(status);
    expect(Object.entries(printed)).toEqual([
      ['registration_id', 'r1'],
      ['client_id', 'c1'],
      ['public_key', 'ab'],
      ['key_name', null],
      ['registered_at', '2025-01-01T00:00:00Z'],
      ['status', 'active'],
      ['last_used', null],
    ]);
    // The type follows: a misspelt member would not compile.
    const clientId: string = printed.client_id;
    expect(clientId).toBe('c1');
  });
});
