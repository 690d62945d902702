import { describe, expect, it } from 'vitest';

import {
  DataFoldError,
  Ed25519KeyError,
  ServerIntegrationError,
  StorageError,
} from '../../src/errors/datafold-error.js';

// The API document constructs errors as (message, code[, details]); the SDK as (code, message,
// ...). Both orders build the same error: the registry code decides which argument is which.

describe('error constructors take either order', () => {
  it('reads the document order (message, code)', () => {
    const theirs = new Ed25519KeyError('Key format validation failed', 'INVALID_KEY_FORMAT');
    const ours = new Ed25519KeyError('INVALID_KEY_FORMAT', 'Key format validation failed');
    for (const e of [theirs, ours]) {
      expect(e).toBeInstanceOf(DataFoldError);
      expect(e.name).toBe('Ed25519KeyError');
      expect(e.code).toBe('INVALID_KEY_FORMAT');
      expect(e.message).toBe('Key format validation failed');
      expect(e.httpStatus).toBe(400);
    }
    const storage = new StorageError('Browser storage limit reached', 'STORAGE_QUOTA_EXCEEDED');
    expect([storage.code, storage.message]).toEqual([
      'STORAGE_QUOTA_EXCEEDED',
      'Browser storage limit reached',
    ]);
  });

  it("takes the document's details as ServerIntegrationError's third argument", () => {
    const theirs = new ServerIntegrationError('Server communication failed', 'NETWORK_ERROR', {
      url: 'http://localhost:9001',
    });
    expect(theirs).toMatchObject({
      code: 'NETWORK_ERROR',
      message: 'Server communication failed',
      details: { url: 'http://localhost:9001' },
      fromServer: false,
    });
    const ours = new ServerIntegrationError('CLIENT_NOT_FOUND', 'no such client', {
      httpStatus: 404,
      details: { client_id: 'x' },
    });
    expect(ours).toMatchObject({ code: 'CLIENT_NOT_FOUND', details: { client_id: 'x' } });
    expect([ours.fromServer, ours.httpStatus]).toEqual([true, 404]);
  });

  it('keeps our order when the message happens to look like a code too', () => {
    const e = new StorageError('KEY_NOT_FOUND', 'KEY_ALREADY_EXISTS');
    expect([e.code, e.message]).toEqual(['KEY_NOT_FOUND', 'KEY_ALREADY_EXISTS']);
  });
});
