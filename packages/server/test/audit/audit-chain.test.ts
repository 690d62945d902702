import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerCommand } from '@datafold/test-support';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import { newKey } from '../helpers/keys.js';
import { startTestServer } from '../helpers/test-server.js';

describe('audit log hash chain', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'datafold-audit-'));
    const server = await startTestServer(() =>
      Promise.resolve({ config: { dataDir: dir }, cleanup: () => Promise.resolve() }),
    );
    for (let i = 0; i < 4; i++) {
      await server.json({
        method: 'POST',
        url: '/api/crypto/keys/register',
        payload: { client_id: `a${i}`, public_key: newKey().hex },
      });
    }
    await server.json({
      method: 'POST',
      url: '/api/crypto/keys/register',
      payload: { client_id: 'a0', public_key: newKey().hex },
    });
    expect(await verifyAuditChain(appContext(server.app).audit)).toMatchObject({
      ok: true,
      entries: 5,
    });
    await server.app.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function tamper(sql: string): void {
    const db = new Database(join(dir, 'datafold.sqlite'));
    db.exec(sql);
    db.close();
  }

  it('`audit verify` reports an intact log', async () => {
    const res = await runServerCommand(['audit', 'verify', '--data-dir', dir]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('audit log intact: 5 entries');
  });

  it.each([
    ['an altered row', `update audit_log set outcome = 'success' where seq = 5`, 5, /altered/],
    ['a removed row', `delete from audit_log where seq = 3`, 3, /entry 3 is missing/],
    ['a removed tail', `delete from audit_log where seq = 5`, 5, /missing/],
    [
      'a re-hashed row',
      `update audit_log set actor = 'x', hash = '${'1'.repeat(64)}' where seq = 2`,
      2,
      /altered/,
    ],
  ])('`audit verify` reports the first broken link after %s', async (_what, sql, seq, problem) => {
    tamper(sql);
    const res = await runServerCommand(['audit', 'verify', '--data-dir', dir]);
    expect(res.code).toBe(2);
    expect(res.stdout).toContain(`BROKEN at entry ${seq}`);
    expect(res.stdout).toMatch(problem);
  });
});
