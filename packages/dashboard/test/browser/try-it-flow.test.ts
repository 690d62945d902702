import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyHttpMessage } from '@datafold/js-sdk';
import { createDataFoldKeyResolver } from '@datafold/js-sdk/express';
import { launchChromium } from '@datafold/test-support/chromium';
import {
  SCREENSHOTS,
  startDashboardServer,
  type DashboardServer,
} from './support/dashboard-server.js';
import { watchProblems } from './support/watched-page.js';

let server: DashboardServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** Submits a step and waits for its outcome; returns the step's output text. */
async function runStep(number: number): Promise<{ ok: boolean; text: string }> {
  const step = page.locator(`form[data-step="${number}"]`);
  await step.getByRole('button').click();
  const outcome = step.locator('.output .ok, .output .error');
  await outcome.first().waitFor({ timeout: 60_000 });
  const ok = (await step.locator('.output .ok').count()) > 0;
  return { ok, text: (await step.locator('.output').textContent()) ?? '' };
}

/**
 * Checks that the signed request a step showed verifies, as an app's middleware would check it,
 * with the client's active key from the server (the page's fields, not a copy made here).
 */
async function expectVerifiable(shown: string, clientId: string): Promise<void> {
  const signatureInput = /Signature-Input: (.+)/.exec(shown)?.[1];
  const signature = /Signature: (.+)/.exec(shown)?.[1];
  const verified = await verifyHttpMessage(
    {
      method: 'GET',
      targetUri: `${server.url}/api/crypto/keys/status/${clientId}`,
      headers: { 'signature-input': signatureInput ?? '', signature: signature ?? '' },
    },
    {
      resolveKey: createDataFoldKeyResolver({ serverUrl: server.url, ttlSeconds: 0 }),
      // The page already sent this nonce; this check is not a second delivery of the request.
      replayStore: { remember: () => Promise.resolve('new' as const) },
    },
  );
  expect(verified.clientId).toBe(clientId);
}

async function adminGet(path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  return ((await res.json()) as { data: Record<string, unknown> }).data;
}

beforeAll(async () => {
  server = await startDashboardServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  watchProblems(page, problems);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Try-it view in Chromium against a real server', () => {
  it('generates, stores encrypted, registers, signs, verifies, sends a signed request, rotates and revokes', async () => {
    await page.goto(`${server.url}/#/try`);
    await page.getByRole('heading', { name: 'Try it', level: 1 }).waitFor();

    // Steps in the wrong order explain what to do first.
    const early = await runStep(2);
    expect(early).toEqual({ ok: false, text: 'Generate a key first (step 1).' });

    await page.getByLabel('Passphrase').fill('short');
    const weak = await runStep(1);
    expect(weak.ok).toBe(false);
    expect(weak.text).toContain('Choose another passphrase');

    await page.getByLabel('Passphrase').fill('a long try-it passphrase');
    const generated = await runStep(1);
    expect(generated.ok).toBe(true);
    expect(generated.text).toContain('stored encrypted in IndexedDB');
    expect(generated.text).toContain('no request was sent');

    const registered = await runStep(2);
    expect(registered.ok).toBe(true);
    expect(registered.text).toContain('POST /api/crypto/keys/register');
    expect(registered.text).toContain('"proof"');
    expect(registered.text).toContain('201 Created');
    const clientId = /Registered as client (\S+), status active/.exec(registered.text)?.[1];
    expect(clientId).toMatch(/^client_/);

    const signed = await runStep(3);
    expect(signed.ok).toBe(true);
    expect(signed.text).toMatch(/signature \(hex\)\s*[0-9a-f]{128}/);

    const verified = await runStep(4);
    expect(verified.ok).toBe(true);
    expect(verified.text).toContain('POST /api/crypto/signatures/verify');
    expect(verified.text).toContain('"verified": true');

    // One request signed to RFC 9421 with the try-it key: its fields and the server's answer.
    const request = await runStep(5);
    expect(request.ok).toBe(true);
    expect(request.text).toContain(`GET /api/crypto/keys/status/${clientId}`);
    const signatureInput = /Signature-Input: (.+)/.exec(request.text)?.[1] ?? '';
    expect(signatureInput).toMatch(/^datafold=\("@method" "@target-uri"\);created=\d+;/);
    expect(signatureInput).toContain(`keyid="${clientId}"`);
    expect(signatureInput).toContain('tag="datafold-request-v1"');
    expect(request.text).toMatch(/Signature: datafold=:[A-Za-z0-9+/]{86}==:/);
    expect(request.text).not.toContain('Content-Digest'); // a GET has no content to digest
    expect(request.text).toContain('200 OK');
    expect(request.text).toContain('(key active)');
    // The fields the page showed are a signature the SDK verifies with the registered key.
    await expectVerifiable(request.text, clientId!);

    // A wrong passphrase is refused in words and changes nothing.
    await page.getByLabel('Passphrase').fill('not the passphrase');
    const wrong = await runStep(3);
    expect(wrong).toEqual({
      ok: false,
      text: 'Wrong passphrase: the stored key could not be decrypted. Nothing was changed.',
    });
    await page.getByLabel('Passphrase').fill('a long try-it passphrase');

    const rotated = await runStep(6);
    expect(rotated.ok).toBe(true);
    expect(rotated.text).toContain('POST /api/crypto/keys/rotate');
    expect(rotated.text).toContain('"new_key_signature"');
    expect(rotated.text).toContain('stored as version 2');
    // What steps 3 to 5 showed was about the old key: none of them still claims it.
    for (const stale of [3, 4, 5]) {
      const output = (await page.locator(`form[data-step="${stale}"] .output`).textContent()) ?? '';
      expect(output).toBe('Step 6 changed what this step showed: run it again.');
    }

    // After rotation the flow signs with the new key, and the server accepts it.
    expect((await runStep(3)).ok).toBe(true);
    expect((await runStep(4)).ok).toBe(true);
    const signedAfterRotation = await runStep(5);
    expect(signedAfterRotation.ok).toBe(true);
    await expectVerifiable(signedAfterRotation.text, clientId!);

    const revoked = await runStep(7);
    expect(revoked.ok).toBe(true);
    expect(revoked.text).toContain('POST /api/crypto/keys/revoke');
    expect(revoked.text).toContain('"status": "revoked"');
    await page.screenshot({ path: join(SCREENSHOTS, 'try-it.png'), fullPage: true });

    // Verifying after revocation: the server's 403 in words, with the exchange beside it.
    const refused = await runStep(4);
    expect(refused.ok).toBe(false);
    expect(refused.text).toContain('This key is no longer active');
    expect(refused.text).toContain('403 Forbidden');

    // The server agrees: two registrations, the second revoked.
    const client = (await adminGet(`/api/admin/clients/${clientId}`)) as {
      registrations: { status: string }[];
    };
    expect(client.registrations.map((r) => r.status)).toEqual(['superseded', 'revoked']);
    const chain = await adminGet('/api/admin/audit/chain');
    expect(chain.intact).toBe(true);

    // Phone width: long hex wraps inside its box, the page never scrolls sideways.
    await page.setViewportSize({ width: 375, height: 812 });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'try-it-phone.png') });
  });

  it('logged no CSP violation or page error', () => {
    const expected = /^Failed to load resource: the server responded with a status of 403 /;
    expect(problems.filter((p) => !expected.test(p))).toEqual([]);
  });
});
