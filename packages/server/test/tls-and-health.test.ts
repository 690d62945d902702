import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appContext } from '../src/app/build-app.js';
import { sqliteStorage, startTestServer } from './helpers/test-server.js';
import { writeSelfSignedCert } from './helpers/self-signed-cert.js';

describe('optional TLS and health reporting', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'datafold-tls-'));
    writeSelfSignedCert(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves HTTPS when given a certificate and key', async () => {
    const server = await startTestServer(sqliteStorage, {
      tlsCertPath: join(dir, 'cert.pem'),
      tlsKeyPath: join(dir, 'key.pem'),
    });
    try {
      await server.app.listen({ host: '127.0.0.1', port: 0 });
      const address = server.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const body = await new Promise<string>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/api/system/status', rejectUnauthorized: false },
          (res) => {
            let data = '';
            res.on('data', (d: Buffer) => (data += d.toString()));
            res.on('end', () => resolve(data));
          },
        );
        req.once('error', reject);
        req.end();
      });
      expect((JSON.parse(body) as { status: string }).status).toBe('running');
    } finally {
      await server.close();
    }
  });

  it('answers /api/health with 503 DATABASE_UNAVAILABLE and Retry-After when the database is gone', async () => {
    const server = await startTestServer(sqliteStorage);
    try {
      const ctx = appContext(server.app);
      ctx.database.ping = () => Promise.reject(new Error('database file vanished'));
      const res = await server.json({ method: 'GET', url: '/api/health' });
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.error().code).toBe('DATABASE_UNAVAILABLE');
      expect(JSON.stringify(res.body)).not.toContain('vanished');
    } finally {
      await server.close();
    }
  });
});
