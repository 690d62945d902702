/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { StorageError } from '@datafold/js-sdk';
import { withKeyLock } from '@datafold/js-sdk/node';

import { writePrivateFile } from '../io/files.js';

/** What the CLI remembers about a key it registered, so rotate and revoke can follow through. */
export interface Registration {
  key_id: string;
  server: string;
  client_id: string;
  registration_id: string | null;
  /** The public key the server holds for the client (hex). */
  public_key: string;
  key_version: number;
  registered_at: string;
  /** pending: written before the request, so an interrupted register-key resumes (same id). */
  status: 'pending' | 'active' | 'revoked';
}

interface RegistrationsFile {
  format: 'datafold-cli-registrations';
  version: 1;
  registrations: Record<string, Registration>;
}

/** Kept in the key directory beside the key files; a foreign name to key stores (§7). */
const FILE = 'registrations.json';

/**
 * The writers' lock of the file, `.registrations.lock`: the key store's lock (spec/key-file-v1.md
 * §9) under a name no key id can take (ids cannot start with a dot), so two processes registering
 * different keys at once cannot each write the file without the other's entry. Readers do not
 * lock: the file is only ever replaced whole.
 */
const LOCK_NAME = '.registrations';

/** Reads the file, applies `change`, and writes it back if `change` says so, all under the lock. */
async function update(
  directory: string,
  change: (file: RegistrationsFile) => boolean,
): Promise<void> {
  await withKeyLock(directory, LOCK_NAME, async () => {
    const file = await read(directory);
    if (!change(file)) return;
    await writePrivateFile(join(directory, FILE), `${JSON.stringify(file, null, 2)}\n`, {
      overwrite: true,
    });
  });
}

// eslint-disable-next-line @typescript-eslint/require-await -- synchronous fs, as in io/files.ts
async function read(directory: string): Promise<RegistrationsFile> {
  const path = join(directory, FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') {
      return { format: 'datafold-cli-registrations', version: 1, registrations: {} };
    }
    throw new StorageError('STORAGE_UNAVAILABLE', `Cannot read ${path}`, { path });
  }
  try {
    const parsed = JSON.parse(text) as RegistrationsFile;
    if (parsed.format === 'datafold-cli-registrations' && typeof parsed.registrations === 'object')
      return parsed;
  } catch {
    // reported below
  }
  throw new StorageError(
    'STORAGE_CORRUPTED',
    `${path} is not a registrations file; move it away to start afresh`,
    { path },
  );
}

/**
 * The registration recorded for a key, if any.
 *
 * @example
 * const reg = await findRegistration(dir, 'my-app-key');
 */
export async function findRegistration(
  directory: string,
  keyId: string,
): Promise<Registration | undefined> {
  return (await read(directory)).registrations[keyId];
}

/** The key registered under a client id on a server, if the CLI registered it. */
export async function findByClientId(
  directory: string,
  clientId: string,
  server?: string,
): Promise<Registration | undefined> {
  return Object.values((await read(directory)).registrations).find(
    (r) => r.client_id === clientId && (server === undefined || r.server === server),
  );
}

/**
 * Records (or replaces) a key's registration; read-modify-write under the file's lock, written
 * atomically, mode 0600. Errors: STORAGE_LOCKED (another process kept the lock for 10 s),
 * STORAGE_CORRUPTED (the file is not a registrations file), PERMISSION_DENIED.
 *
 * @example
 * await saveRegistration(dir, { ...registration, status: 'revoked' });
 */
export async function saveRegistration(
  directory: string,
  registration: Registration,
): Promise<void> {
  await update(directory, (file) => {
    file.registrations[registration.key_id] = registration;
    return true;
  });
}

/**
 * Forgets a key's registration (after delete-key), under the file's lock. Quiet when there is
 * nothing to forget or the file is unreadable (the key is gone either way).
 *
 * @example
 * await forgetRegistration(dir, 'my-app-key');
 */
export async function forgetRegistration(directory: string, keyId: string): Promise<void> {
  if ((await findRegistration(directory, keyId).catch(() => undefined)) === undefined) return;
  await update(directory, (file) => {
    if (file.registrations[keyId] === undefined) return false;
    delete file.registrations[keyId];
    return true;
  });
}
