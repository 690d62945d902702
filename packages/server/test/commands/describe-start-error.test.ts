import { DataFoldError } from '@datafold/js-sdk';
import { describe, expect, it } from 'vitest';
import { describeStartError } from '../../src/commands/describe-start-error.js';

const config = {
  host: '127.0.0.1',
  port: 9001,
  databaseUrl: 'postgres://app:p%40ss-w0rd@db:5432/keys',
};

describe('describeStartError', () => {
  it("says the database's own words after ours, with no password in any form", () => {
    const error = new Error('cannot open the database postgres://db:5432/keys', {
      cause: new Error(
        'password authentication failed for user "app" (p@ss-w0rd, postgres://app:p%40ss-w0rd@db)',
      ),
    });
    const line = describeStartError(error, config);
    expect(line).toContain(
      'cannot open the database postgres://db:5432/keys: password authentication failed',
    );
    expect(line).not.toContain('p@ss-w0rd');
    expect(line).not.toContain('p%40ss-w0rd');
  });

  it('puts a registry code first', () => {
    const error = new DataFoldError(
      'DATA_DIR_LOCKED',
      'the data directory /d is in use by process 7',
    );
    expect(describeStartError(error, config)).toBe(
      'DATA_DIR_LOCKED: the data directory /d is in use by process 7',
    );
  });

  it('explains a port in use and how to choose another', () => {
    const error = Object.assign(
      new Error('listen EADDRINUSE: address already in use 127.0.0.1:9001'),
      {
        code: 'EADDRINUSE',
      },
    );
    expect(describeStartError(error, config)).toBe(
      'port 9001 on 127.0.0.1 is in use (EADDRINUSE): stop what listens there or pass --port (DATAFOLD_PORT) to choose another',
    );
  });
});
