import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServerCommand } from '@datafold/test-support';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appContext } from '../../src/app/build-app.js';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain.js';
import { newKey, registerBody } from '../helpers/keys.js';
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
        payload: registerBody(newKey(), `a${i}`),
      });
    }
    await server.json({
      method: 'POST',
      url: '/api/crypto/keys/register',
      payload: registerBody(newKey(), 'a0'),
    });
    // The refused duplicate is counted, then written with this window's refusals.
    await appContext(server.app).refusals.flush();
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
    [
      'an altered row',
      [`update audit_log set outcome = 'success' where seq = 5`],
      [[5, /altered/]],
    ],
    ['a removed row', [`delete from audit_log where seq = 3`], [[3, /entry 3 is missing/]]],
    ['a removed tail', [`delete from audit_log where seq = 5`], [[5, /missing/]]],
    [
      'a re-hashed row',
      [`update audit_log set actor = 'x', hash = '${'1'.repeat(64)}' where seq = 2`],
      [
        [2, /altered/],
        [3, /entry 3 does not link to entry 2/],
      ],
    ],
    [
      'an early break and later tampering (every break, not only the first)',
      [
        `update audit_log set outcome = 'x' where seq = 1`,
        `delete from audit_log where seq = 3`,
        `update audit_log set actor = 'someone' where seq = 5`,
      ],
      [
        [1, /entry 1 was altered/],
        [3, /entry 3 is missing/],
        [5, /entry 5 was altered/],
      ],
    ],
  ] as const)('`audit verify` reports %s', async (_what, statements, breaks) => {
    for (const sql of statements) tamper(sql);
    const res = await runServerCommand(['audit', 'verify', '--data-dir', dir]);
    expect(res.code).toBe(8);
    expect(res.stdout).toContain(`audit log BROKEN: ${breaks.length} break(s)`);
    for (const [seq, problem] of breaks) {
      const line = res.stdout.split('\n').find((l) => l.startsWith(`  at entry ${seq}: `));
      expect(line).toMatch(problem);
    }
  });
});
