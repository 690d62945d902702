// What each entry point of package.json `exports` offers, and the one vocabulary of KDF
// parameters that backups, key files and the raw primitives share.
import {
  DEFAULT_KDF_PARAMS,
  DEFAULT_KEY_FILE_KDF_PARAMS,
  NONCE_LENGTHS,
  type Argon2idKdfParams,
  type BackupCipher,
  type BackupKdf,
  type BackupKdfParams,
  type PasswordKdf,
  type Pbkdf2KdfParams,
  type ScryptKdfParams,
} from '@datafold/js-sdk';
import {
  argon2id,
  useArgon2idEngine,
  type Argon2idCostParams,
  type Argon2idEngine,
  type Pbkdf2CostParams,
  type ScryptCostParams,
} from '@datafold/js-sdk/hazmat';
import { enableNativeArgon2id } from '@datafold/js-sdk/node';
import type { CryptoWorker } from '@datafold/js-sdk/worker';
import { createKdfWorker, type KdfWorker } from '@datafold/js-sdk/worker';
import { expectTypeOf } from 'vitest';

// One set of KDF parameter types: the formats' names are the primitives' types.
expectTypeOf<Argon2idKdfParams>().toEqualTypeOf<Argon2idCostParams>();
expectTypeOf<ScryptKdfParams>().toEqualTypeOf<ScryptCostParams>();
expectTypeOf<Pbkdf2KdfParams>().toExtend<Pbkdf2CostParams>();
expectTypeOf<Pbkdf2KdfParams['hash']>().toEqualTypeOf<'SHA-256'>();
expectTypeOf<Pbkdf2CostParams['hash']>().toEqualTypeOf<'SHA-256' | 'SHA-384' | 'SHA-512'>();
expectTypeOf<BackupKdf>().toEqualTypeOf<PasswordKdf>();
expectTypeOf<BackupKdfParams>().toEqualTypeOf<
  Argon2idKdfParams | ScryptKdfParams | Pbkdf2KdfParams
>();
expectTypeOf<BackupCipher>().toEqualTypeOf<
  'xchacha20-poly1305' | 'chacha20-poly1305' | 'aes-gcm'
>();
expectTypeOf(DEFAULT_KDF_PARAMS.argon2id).toEqualTypeOf<Readonly<Argon2idKdfParams>>();
expectTypeOf(DEFAULT_KEY_FILE_KDF_PARAMS).toEqualTypeOf<Readonly<Argon2idKdfParams>>();
expectTypeOf(NONCE_LENGTHS).toEqualTypeOf<Readonly<Record<BackupCipher, number>>>();

// /hazmat: the raw Argon2id and the engine switch /node uses.
expectTypeOf(argon2id).returns.toEqualTypeOf<Promise<Uint8Array>>();
expectTypeOf(useArgon2idEngine).parameters.toEqualTypeOf<
  [replacement: Argon2idEngine | undefined]
>();

// /node: the explicit form of the engine swap its import performs.
expectTypeOf(enableNativeArgon2id).toEqualTypeOf<() => Promise<boolean>>();

// /worker: the same names in browsers and in Node.
expectTypeOf(createKdfWorker).returns.toEqualTypeOf<KdfWorker>();
expectTypeOf<InstanceType<typeof CryptoWorker>['terminate']>().toBeFunction();
