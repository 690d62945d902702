import { argon2id } from '../derivation/argon2id.js';
import type { KdfPurpose, PasswordKdf } from '../derivation/kdf-params.js';
import { pbkdf2 } from '../derivation/pbkdf2.js';
import { scrypt } from '../derivation/scrypt.js';
import { wipe } from '../encoding/bytes.js';
import { utf8ToBytes } from '../encoding/utf8.js';
import { SEALING_KEY_LENGTH } from './constants.js';
import {
  checkSealingKdfParams,
  type Argon2idKdfParams,
  type Pbkdf2KdfParams,
  type ScryptKdfParams,
  type SealingKdfParams,
} from './kdf-params.js';

/**
 * The 32-byte symmetric key of a backup, a key file or an IndexedDB record: the KDF over the
 * passphrase's UTF-8 bytes, with no Unicode normalisation (spec/backup-v1.md §4.1,
 * spec/key-file-v1.md §4, spec/indexeddb-storage-v1.md §4). The bounds for `purpose` are checked
 * first (checkSealingKdfParams); the caller wipes the result.
 *
 * @example
 * const key = await deriveSealingKey('argon2id', DEFAULT_KDF_PARAMS.argon2id, 'pass phrase', salt, 'create');
 */
export async function deriveSealingKey(
  kdf: PasswordKdf,
  params: SealingKdfParams,
  passphrase: string,
  salt: Uint8Array,
  purpose: KdfPurpose,
): Promise<Uint8Array> {
  const checked = checkSealingKdfParams(kdf, params, purpose);
  const password = utf8ToBytes(passphrase);
  try {
    switch (kdf) {
      case 'argon2id': {
        const p = checked as Argon2idKdfParams;
        return await argon2id(password, salt, { ...p, length: SEALING_KEY_LENGTH });
      }
      case 'scrypt': {
        const p = checked as ScryptKdfParams;
        return await scrypt(password, salt, { ...p, length: SEALING_KEY_LENGTH });
      }
      case 'pbkdf2': {
        const p = checked as Pbkdf2KdfParams;
        return await pbkdf2(password, salt, p.iterations, SEALING_KEY_LENGTH, 'SHA-256');
      }
    }
  } finally {
    wipe(password);
  }
}
