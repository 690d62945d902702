import {
  bytesToHex,
  clearKeyMaterial,
  createServerIntegration,
  createSignedFetch,
  createStorage,
  generateKeyPair,
  validatePassphrase,
  type Ed25519KeyPair,
  type ManagedKeyStorage,
  type SignatureResult,
} from '@datafold/js-sdk';
import { describeError } from '../describe-error.js';
import { announce, field, h, replace } from '../dom.js';
import { fingerprint } from '../format.js';
import { createHttpRecorder, prettyJson, type Exchange } from '../http-recorder.js';

/** The IndexedDB database and key id the Try-it view keeps its key under. */
const DB_NAME = 'datafold-dashboard-try-it';
const KEY_ID = 'try-it-key';

/** What the flow has done so far; kept while the page lives, like the admin token. */
interface TryItState {
  clientId: string | null;
  publicKey: string | null;
  signature: SignatureResult | null;
}
const state: TryItState = { clientId: null, publicKey: null, signature: null };

const recorder = createHttpRecorder();
// No retries: each step shows exactly the one request it sent and the one answer it got.
const server = createServerIntegration({
  baseUrl: window.location.origin,
  retries: 0,
  fetch: recorder.fetch,
});

let storagePromise: Promise<ManagedKeyStorage> | null = null;
function storage(): Promise<ManagedKeyStorage> {
  storagePromise ??= createStorage({ type: 'indexeddb', dbName: DB_NAME });
  return storagePromise;
}

/** A step's outcome: words first, then the requests and answers it exchanged. */
interface StepResult {
  summary: string;
  local?: string;
}

/**
 * The later steps whose shown result each step makes stale when it succeeds (a rotation leaves
 * "Message signed." untrue for the new key): their output is replaced by a note to run them
 * again, so no step claims what is no longer so.
 */
const RESETS: Record<number, number[]> = {
  1: [2, 3, 4, 5, 6, 7],
  2: [3, 4, 5, 6, 7],
  3: [4],
  6: [3, 4, 5],
};

class StepProblem extends Error {}

function exchangeView(exchange: Exchange): HTMLElement {
  return h(
    'div',
    { class: 'exchange' },
    h('h4', {}, 'Request'),
    h(
      'pre',
      { tabindex: '0', 'aria-label': 'Request' },
      `${exchange.method} ${exchange.path}\n`,
      exchange.signatureFields.map(([name, value]) => `${name}: ${value}\n`),
      `\n${prettyJson(exchange.requestBody)}`,
    ),
    h('h4', {}, 'Answer'),
    h(
      'pre',
      { tabindex: '0', 'aria-label': 'Answer' },
      `${exchange.status ?? ''} ${exchange.statusText}\n\n${prettyJson(exchange.responseBody)}`,
    ),
  );
}

function step(
  number: number,
  title: string,
  explanation: string,
  controls: HTMLElement[],
  action: string,
  run: () => Promise<StepResult>,
): HTMLElement {
  const headingId = `step-${number}-title`;
  const output = h('div', { class: 'output', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, action);
  const form = h(
    'form',
    {
      class: 'card step',
      'aria-labelledby': headingId,
      'data-step': number,
      onsubmit: (event: Event) => {
        event.preventDefault();
        button.disabled = true;
        recorder.take();
        replace(output, h('p', { class: 'muted' }, 'Working…'));
        run()
          .then(
            (result) => {
              const exchanges = recorder.take();
              for (const later of RESETS[number] ?? []) {
                const stale = form.parentElement?.querySelector(`[data-step="${later}"] .output`);
                if (stale) {
                  replace(
                    stale,
                    h(
                      'p',
                      { class: 'muted' },
                      `Step ${number} changed what this step showed: run it again.`,
                    ),
                  );
                }
              }
              replace(
                output,
                h('p', { class: 'ok', role: 'status' }, result.summary),
                result.local ? h('pre', { tabindex: '0' }, result.local) : null,
                exchanges.length === 0
                  ? h('p', { class: 'muted' }, 'Done in this browser: no request was sent.')
                  : exchanges.map(exchangeView),
              );
              announce(result.summary);
            },
            (error: unknown) => {
              const exchanges = recorder.take();
              const words = error instanceof StepProblem ? error.message : describeError(error);
              replace(
                output,
                h('p', { class: 'error', role: 'alert' }, words),
                exchanges.map(exchangeView),
              );
            },
          )
          .finally(() => (button.disabled = false));
      },
    },
    h('h2', { id: headingId }, `${number}. ${title}`),
    h('p', {}, explanation),
    controls,
    button,
    output,
  );
  return form;
}

/**
 * The Try-it view: the whole client flow on `@datafold/js-sdk` in this page, against this server.
 * A key is generated and stored encrypted in IndexedDB under a passphrase, registered with proof
 * of possession, used to sign a message the server then verifies and to sign one request (RFC
 * 9421), rotated and revoked with statements it signs itself. Every step shows the request it
 * sent (with its signature fields) and the answer it got.
 *
 * @example
 * renderTryIt(main);
 */
export function renderTryIt(main: HTMLElement): void {
  const passphrase = h('input', {
    id: 'try-passphrase',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });
  const keyName = h('input', { id: 'try-key-name', value: 'Try-it key', maxlength: 256 });
  const message = h('textarea', { id: 'try-message', rows: 2 }, 'Hello, DataFold!');

  async function unlock(): Promise<Ed25519KeyPair> {
    if (!state.publicKey) throw new StepProblem('Generate a key first (step 1).');
    if (!passphrase.value) throw new StepProblem('Enter the passphrase you chose in step 1.');
    return (await storage()).retrieveKeyPair(KEY_ID, passphrase.value);
  }
  function needClient(): string {
    if (!state.clientId) throw new StepProblem('Register the key first (step 2).');
    return state.clientId;
  }

  replace(
    main,
    h('h1', { id: 'view-title' }, 'Try it'),
    // Browsers keep WebCrypto and IndexedDB keys to secure pages: say so before step 1 fails.
    window.isSecureContext
      ? null
      : h(
          'p',
          { class: 'error', role: 'alert' },
          'This page was opened over plain HTTP, where the browser offers no WebCrypto: the steps ' +
            'below cannot run. Open the dashboard over HTTPS, or at http://localhost on the ' +
            'server’s machine.',
        ),
    h(
      'p',
      { class: 'lead' },
      'Run the client side of DataFold Keys in this browser with @datafold/js-sdk. The private ' +
        'key never leaves the page: it is stored encrypted in IndexedDB and only public keys and ' +
        'signatures are sent to this server.',
    ),
    step(
      1,
      'Generate a key',
      'Makes an Ed25519 key pair with WebCrypto and stores it in IndexedDB, encrypted with a key ' +
        'derived from your passphrase (PBKDF2-SHA-256, AES-256-GCM).',
      [
        field(
          'Passphrase',
          passphrase,
          'At least 8 characters; needed again for every step that signs.',
        ),
        field('Key name', keyName),
      ],
      'Generate and store',
      async () => {
        const check = validatePassphrase(passphrase.value);
        if (!check.valid)
          throw new StepProblem(`Choose another passphrase: it is ${check.issues.join(', ')}.`);
        const pair = await generateKeyPair();
        try {
          await (
            await storage()
          ).storeKeyPair(KEY_ID, pair, passphrase.value, { name: keyName.value });
          state.publicKey = bytesToHex(pair.publicKey);
        } finally {
          clearKeyMaterial(pair.privateKey);
        }
        state.clientId = null;
        state.signature = null;
        return {
          summary: `Key generated and stored encrypted in IndexedDB (fingerprint ${fingerprint(state.publicKey)}).`,
          local: `public key (hex)\n${state.publicKey}`,
        };
      },
    ),
    step(
      2,
      'Register it',
      'Decrypts the key with your passphrase and registers its public key, with a proof of ' +
        'possession: a signature over a registration statement. The server assigns the client id.',
      [],
      'Register',
      async () => {
        const pair = await unlock();
        try {
          const registration = await server.registerKeyPair(pair, {
            keyName: keyName.value || undefined,
          });
          state.clientId = registration.clientId;
          return {
            summary: `Registered as client ${registration.clientId}, status ${registration.status}.`,
          };
        } finally {
          clearKeyMaterial(pair.privateKey);
        }
      },
    ),
    step(
      3,
      'Sign a message',
      'Signs the message in this browser with the stored key. Nothing is sent.',
      [field('Message', message)],
      'Sign',
      async () => {
        const pair = await unlock();
        try {
          state.signature = await server.generateSignature(message.value, pair.privateKey);
        } finally {
          clearKeyMaterial(pair.privateKey);
        }
        return {
          summary: 'Message signed.',
          local: `signature (hex)\n${state.signature.signature}`,
        };
      },
    ),
    step(
      4,
      'Verify it on the server',
      'Sends the message and signature; the server checks them against the registered key.',
      [],
      'Verify',
      async () => {
        const clientId = needClient();
        if (!state.signature) throw new StepProblem('Sign a message first (step 3).');
        const result = await server.verifySignature({
          clientId,
          message: state.signature.message,
          signature: state.signature.signature,
        });
        if (!result.verified) {
          throw new StepProblem(
            `The server says the signature does not verify: ${result.error.message}.`,
          );
        }
        return { summary: `Verified by the server at ${result.verifiedAt}.` };
      },
    ),
    step(
      5,
      'Send a signed request',
      'Signs one request with the stored key (RFC 9421 HTTP Message Signatures, createSignedFetch) ' +
        'and sends it: GET this client’s key status. The Signature-Input and Signature fields name ' +
        'the client and cover the method and URL; a request with a body would also carry ' +
        'Content-Digest. An app verifies them with the SDK’s Fastify or Express middleware; this ' +
        'server checks them when started with --require-signed-requests.',
      [],
      'Send signed request',
      async () => {
        const clientId = needClient();
        const pair = await unlock();
        try {
          const signedFetch = createSignedFetch({
            clientId,
            privateKey: pair.privateKey,
            fetch: recorder.fetch,
          });
          const path = `/api/crypto/keys/status/${encodeURIComponent(clientId)}`;
          const response = await signedFetch(new URL(path, window.location.origin));
          const answer = (await response.json().catch(() => null)) as {
            data?: { status?: string };
            error?: { code?: string; message?: string };
          } | null;
          if (!response.ok) {
            const why = answer?.error ? `${answer.error.code}: ${answer.error.message}` : '';
            throw new StepProblem(
              `The server refused the signed request (${response.status}) ${why}`,
            );
          }
          return {
            summary: `Sent a request signed as ${clientId}; the server answered ${response.status} (key ${answer?.data?.status ?? 'status unknown'}).`,
          };
        } finally {
          clearKeyMaterial(pair.privateKey);
        }
      },
    ),
    step(
      6,
      'Rotate the key',
      'Makes a new key, stores it as a new version beside the old one, and asks the server to move ' +
        'the client to it with a statement signed by both keys. The old key then stops verifying.',
      [],
      'Rotate',
      async () => {
        const clientId = needClient();
        const current = await unlock();
        const next = await generateKeyPair();
        const store = await storage();
        try {
          // The new version is on disk before the server switches, so a closed tab cannot lose it.
          const version = await store.storeKeyVersion(KEY_ID, next, passphrase.value, {
            makeCurrent: false,
          });
          const rotation = await server.rotateRegistration({
            clientId,
            currentKeyPair: current,
            newKeyPair: next,
          });
          await store.setCurrentVersion(KEY_ID, version);
          state.publicKey = rotation.publicKey;
          state.signature = null;
          return {
            summary: `Rotated: client ${clientId} now uses key ${fingerprint(rotation.publicKey)} (stored as version ${version}). Sign again to verify with it.`,
          };
        } finally {
          clearKeyMaterial(current.privateKey);
          clearKeyMaterial(next.privateKey);
        }
      },
    ),
    step(
      7,
      'Revoke it',
      'Revokes the active key with a statement it signs itself. Verifying afterwards is refused.',
      [],
      'Revoke',
      async () => {
        const clientId = needClient();
        const pair = await unlock();
        try {
          const result = await server.revokeRegistration({
            clientId,
            keyPair: pair,
            reason: 'tried it',
          });
          return { summary: `Revoked the key of ${clientId} at ${result.revokedAt}.` };
        } finally {
          clearKeyMaterial(pair.privateKey);
        }
      },
    ),
  );
}
