// vectors/http-signatures/verify.json through each real app over HTTP: the middleware answers every
// case as the profile says (spec/http-message-signatures-v1.md §3), with the refusal's status and
// envelope. The apps are configured as the file asks: its clock, maximum age and skew, a resolver
// answering the case's key status, a fresh replay store per case, and the vectors' public origin.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hexToBytes } from '../../src/encoding/hex.js';
import type { ErrorCode } from '../../src/errors/registry.js';
import {
  createMemoryReplayStore,
  type ReplayStore,
  type ResolvedRequestKey,
} from '../../src/http-signatures/index.js';
import { VECTOR_DIR, type VerifyVectors } from '../http-signatures/http-signature-vectors.js';
import { APPS, type Echo, type RunningApp } from './support/apps.js';
import { send } from './support/send.js';
import { expectRefusal } from './support/signing.js';

const vectors = JSON.parse(
  readFileSync(new URL('verify.json', VECTOR_DIR), 'utf8'),
) as VerifyVectors;
const origin = new URL(vectors.cases[0]!.request.target_uri).origin;

let keyStatus: VerifyVectors['cases'][number]['key_status'] = 'active';
let store: ReplayStore = createMemoryReplayStore();
const resolveKey = (clientId: string): Promise<ResolvedRequestKey> =>
  Promise.resolve(
    clientId !== vectors.key.client_id || keyStatus === 'unknown'
      ? { status: 'unknown' }
      : keyStatus === 'inactive'
        ? { status: 'inactive' }
        : { status: 'active', publicKey: hexToBytes(vectors.key.public_key_hex) },
  );
// Born at the epoch (notBefore 0), as the file asks; one per case, swapped in before each.
const replayStore: ReplayStore = {
  remember: (key, expiresAtMs) => store.remember(key, expiresAtMs),
};

describe.each(APPS)('verify.json through %s', (_name, start) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({
      resolveKey,
      replayStore,
      publicUrl: origin,
      maxAge: vectors.max_age,
      clockSkew: vectors.clock_skew,
      now: () => vectors.now_ms,
    });
  });
  afterAll(() => app?.close());

  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s', async (_case, vector) => {
    keyStatus = vector.key_status;
    store = createMemoryReplayStore({ now: () => 0 });
    const target = new URL(vector.request.target_uri);
    const body =
      vector.request.body_base64 === undefined
        ? undefined
        : Uint8Array.from(Buffer.from(vector.request.body_base64, 'base64'));
    const request = () =>
      send(`${app.url}${target.pathname}${target.search}`, {
        // Node's client sends the method upper-case, as on the wire; the profile signs it so.
        method: vector.request.method,
        headers: vector.request.headers,
        ...(body === undefined ? {} : { body }),
      });
    let answer = await request();
    for (let i = 1; i < (vector.repeat ?? 1); i++) answer = await request();
    if (vector.expect === 'ok') {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect((answer.body as Echo).clientId).toBe(vectors.key.client_id);
    } else {
      expectRefusal(answer, vector.expect as ErrorCode);
    }
  });
});
