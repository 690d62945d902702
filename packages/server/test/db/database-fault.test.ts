import { describe, expect, it } from 'vitest';
import { databaseFault, DatabaseTimeoutError } from '../../src/db/database-fault.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('databaseFault', () => {
  it.each([
    [withCode('ECONNREFUSED'), 'unreachable'],
    [withCode('57P01', 'terminating connection due to administrator command'), 'unreachable'],
    [withCode('57P03', 'the database system is starting up'), 'unreachable'],
    [withCode('08006'), 'unreachable'],
    [withCode('53100', 'could not extend file: No space left on device'), 'disk_full'],
    [withCode('53300', 'too many connections'), 'busy'],
    [withCode('57014', 'canceling statement due to statement timeout'), 'busy'],
    [withCode('SQLITE_BUSY'), 'busy'],
    [withCode('SQLITE_BUSY_SNAPSHOT'), 'busy'],
    [withCode('SQLITE_FULL'), 'disk_full'],
    [withCode('SQLITE_IOERR_WRITE'), 'io_error'],
    [new Error('Connection terminated unexpectedly'), 'unreachable'],
    [new Error('timeout exceeded when trying to connect'), 'unreachable'],
    [new DatabaseTimeoutError('no answer'), 'unreachable'],
    [new Error('wrapped', { cause: withCode('ECONNRESET') }), 'unreachable'],
  ])('%s is %s', (error, reason) => {
    expect(databaseFault(error)).toBe(reason);
  });

  it.each([
    [withCode('23505', 'duplicate key value violates unique constraint')],
    [withCode('SQLITE_CONSTRAINT_UNIQUE')],
    [withCode('SQLITE_ERROR', 'no such table: registrations')],
    [new TypeError('cannot read properties of undefined')],
    [undefined],
  ])('%s is not a database fault (a bug or a conflict stays what it is)', (error) => {
    expect(databaseFault(error)).toBeNull();
  });
});
