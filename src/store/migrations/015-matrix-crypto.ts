import type { Migration } from './migration';

/**
 * Matrix end-to-end encryption: the bot device's crypto state and what the channel needs around it.
 * - `matrix_crypto_account`: which device the state belongs to, how the passphrase
 *   (`MATRIX_CRYPTO_PASSPHRASE`) becomes keys (scrypt parameters and salt), a check that the
 *   passphrase is the right one, and when the device was cross-signed.
 * - `matrix_crypto_record`: the crypto machine's store (IndexedDB records), each sealed with
 *   AES-256-GCM under a key derived from the passphrase; `id` is an HMAC of the record's place,
 *   so neither Matrix ids nor keys are readable in the file.
 * - `matrix_room_encryption`: the rooms known to be encrypted, with their `m.room.encryption`
 *   settings (encryption cannot be turned off in a room, so a row is never removed while the room is kept).
 * - `matrix_undecryptable`: messages waiting for their key (already ciphertext), in arrival order;
 *   `answered_at` once the person was asked to send again.
 * - `matrix_crypto_forget`: rooms of erased people whose keys the channel must forget.
 */
export const matrixCrypto: Migration = {
  version: 15,
  name: 'matrix_crypto',
  sql: `
    CREATE TABLE matrix_crypto_account (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      user_id TEXT NOT NULL,
      device_id TEXT NOT NULL,
      kdf TEXT NOT NULL,
      key_check BLOB NOT NULL,
      cross_signed_at TEXT,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE matrix_crypto_record (
      id BLOB PRIMARY KEY,
      sealed BLOB NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE matrix_room_encryption (
      room_id TEXT PRIMARY KEY,
      algorithm TEXT NOT NULL,
      rotation_period_ms INTEGER,
      rotation_period_msgs INTEGER,
      history_visibility TEXT
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE matrix_undecryptable (
      seq INTEGER PRIMARY KEY,
      event_id TEXT NOT NULL UNIQUE,
      room_id TEXT NOT NULL,
      sender TEXT NOT NULL,
      session_id TEXT NOT NULL,
      event TEXT NOT NULL,
      received_at TEXT NOT NULL,
      answered_at TEXT
    ) STRICT;
    CREATE INDEX matrix_undecryptable_by_room ON matrix_undecryptable (room_id, seq);

    CREATE TABLE matrix_crypto_forget (
      room_id TEXT PRIMARY KEY,
      user_id TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
  `,
};
