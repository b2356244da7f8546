import type { OlmMachine } from '@matrix-org/matrix-sdk-crypto-nodejs';
import { EncryptedRoomEvent, MatrixError, type MatrixClient } from 'matrix-bot-sdk';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import type { MatrixEvent, SyncResponse } from '../matrix-sync';
import type { MatrixCryptoStorage } from './crypto-storage';
import { PersistedCryptoState } from './persisted-crypto-state';
import { RecordSealer, type KeyDerivation } from './record-sealer';
import { recordsAbout } from './records-about';

/** How the bot's end-to-end encryption starts. */
export interface MatrixE2eeOptions {
  readonly storage: MatrixCryptoStorage;
  /** Protects the crypto state in the database (`MATRIX_CRYPTO_PASSPHRASE`). */
  readonly passphrase: string;
  /** The bot account's password, only for a homeserver that asks for it to publish cross-signing keys. */
  readonly accountPassword: string | null;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** The crypto state in the database cannot be used with this access token's device. */
export class MatrixCryptoStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MatrixCryptoStateError';
  }
}

/** What became of an encrypted room event. */
export type Decryption =
  | { readonly ok: true; readonly event: MatrixEvent }
  /** `code`: why (MissingRoomKey: the key may come later); `sessionId`: the Megolm session it needs. */
  | { readonly ok: false; readonly code: string; readonly sessionId: string };

/** The to-device events that carry room keys (https://spec.matrix.org/v1.11/client-server-api/#mroom_key). */
const ROOM_KEY_EVENTS = new Set(['m.room_key', 'm.forwarded_room_key']);

/** The parts of a /sync answer encryption reads. */
export type SyncEncryptionParts = Pick<SyncResponse, 'to_device' | 'device_lists' | 'device_one_time_keys_count' | 'device_unused_fallback_key_types'>;

/**
 * The bot device's end-to-end encryption: matrix-bot-sdk's CryptoClient over the WASM crypto
 * machine (through the adapter that stands for `@matrix-org/matrix-sdk-crypto-nodejs`), its
 * store kept in the database (sealed), the device cross-signed by its account, an erased
 * person's keys forgotten.
 */
export class MatrixE2ee {
  private roomKeysArrived = false;

  private constructor(
    private readonly client: MatrixClient,
    private readonly machine: OlmMachine,
    private readonly state: PersistedCryptoState,
    private readonly options: MatrixE2eeOptions,
    readonly userId: string,
    readonly deviceId: string,
  ) {
    client.on('to_device.decrypted', (event: { type?: string }) => {
      if (ROOM_KEY_EVENTS.has(String(event.type))) this.roomKeysArrived = true;
    });
  }

  /**
   * Opens the device's crypto state (or makes it, for a device that never had any), uploads what
   * must be, cross-signs the device once. Throws MatrixCryptoStateError when the state cannot be
   * used (another account's; a device that has keys on the homeserver but none here), and
   * WrongPassphraseError.
   */
  static async start(client: MatrixClient, options: MatrixE2eeOptions): Promise<MatrixE2ee> {
    const { storage, logger } = options;
    const whoami = await client.getWhoAmI();
    const deviceId = whoami.device_id;
    if (!deviceId) throw new MatrixCryptoStateError('the homeserver does not say which device MATRIX_ACCESS_TOKEN belongs to: end-to-end encryption needs a device (log in to get a token)');
    const sealer = await MatrixE2ee.sealerFor(client, whoami.user_id, deviceId, options);
    const state = await PersistedCryptoState.load(storage.cryptoRecords(), sealer);
    try {
      const crypto = client.crypto;
      // Rooms are looked at when needed, not all at once here (prepare would query each one's state).
      await crypto.prepare([]);
      // NOTE: bot-sdk 0.7.1 keeps the machine private; its adapter gives what bot-sdk does not (cross-signing, idle, reopen).
      const machine = (crypto as unknown as { engine: { machine: OlmMachine } }).engine.machine;
      const e2ee = new MatrixE2ee(client, machine, state, options, whoami.user_id, deviceId);
      await e2ee.persist(null);
      if (!storage.cryptoAccount()?.crossSignedAt) await e2ee.crossSign();
      logger.info('matrix_e2ee_ready', { device: deviceId, records: state.rowCount });
      return e2ee;
    } catch (error) {
      state.close();
      throw error;
    }
  }

  /** The sealer of the device's state: opened with the passphrase, or made for a new device. */
  private static async sealerFor(client: MatrixClient, userId: string, deviceId: string, options: MatrixE2eeOptions): Promise<RecordSealer> {
    const { storage, logger, passphrase } = options;
    const account = storage.cryptoAccount();
    if (account && account.userId !== userId) {
      throw new MatrixCryptoStateError(`the Matrix crypto state in the database belongs to ${account.userId}, not to ${userId} (MATRIX_ACCESS_TOKEN): use that account's token, or another PARLONS_DB`);
    }
    if (account?.deviceId === deviceId) return RecordSealer.open(passphrase, JSON.parse(account.kdf) as KeyDerivation, account.keyCheck);
    // NOTE: a device that already published identity keys cannot get new ones
    // (https://spec.matrix.org/v1.11/client-server-api/#post_matrixclientv3keysupload): its
    // state was lost (a new or older database), and people's clients know it by its old keys.
    const published = (await client.doRequest('POST', '/_matrix/client/v3/keys/query', null, { device_keys: { [userId]: [deviceId] } })) as {
      device_keys?: Record<string, Record<string, unknown>>;
    };
    if (published.device_keys?.[userId]?.[deviceId]) {
      throw new MatrixCryptoStateError(
        `the bot's Matrix device ${deviceId} already has encryption keys on the homeserver, but this database holds no crypto state for it (a new database, or one restored from before it was made?). Log in again to get a new device and access token (README: Matrix), set MATRIX_ACCESS_TOKEN, and start again`,
      );
    }
    if (account) logger.warn('matrix_crypto_new_device', { device: deviceId, previous: account.deviceId });
    const made = await RecordSealer.create(passphrase);
    storage.startCryptoAccount({ userId, deviceId, kdf: JSON.stringify(made.kdf), keyCheck: made.keyCheck, crossSignedAt: null }, options.clock.now().toISOString());
    return made.sealer;
  }

  /**
   * Saves what changed in the crypto store, with the sync position when given (one transaction).
   * Waits for the machine's calls under way, so that no half-done write is saved.
   */
  async persist(syncToken: string | null): Promise<void> {
    await this.machine.whenIdle();
    this.state.save((changes) => this.options.storage.saveCryptoChanges(changes, syncToken));
  }

  /**
   * Hands a /sync answer's to-device messages, device lists and key counts to the machine (before
   * its timeline); it may upload new one-time keys on the way. Saved at once: keys the homeserver
   * has are never made again with the same ids after a crash (it would refuse them). Saved ahead of
   * the sync position is harmless: to-device messages come again, and are known. If it cannot be
   * saved now, it is with the sync position, which does not move until then.
   */
  async receiveSync(sync: SyncEncryptionParts): Promise<void> {
    await this.client.crypto.updateSyncData(
      (sync.to_device?.events ?? []) as never[],
      { ...sync.device_one_time_keys_count },
      [...(sync.device_unused_fallback_key_types ?? [])] as never[],
      [...(sync.device_lists?.changed ?? [])],
      [...(sync.device_lists?.left ?? [])],
    );
    try {
      await this.persist(null);
    } catch {
      // The database cannot take it now: the sync position waits for it (see persist).
    }
  }

  /** Whether room keys arrived since the last call (then waiting messages may now be read). */
  takeRoomKeysArrived(): boolean {
    const arrived = this.roomKeysArrived;
    this.roomKeysArrived = false;
    return arrived;
  }

  async decrypt(roomId: string, event: MatrixEvent): Promise<Decryption> {
    const sessionId = typeof event.content.session_id === 'string' ? event.content.session_id : '';
    try {
      const decrypted = await this.client.crypto.decryptRoomEvent(new EncryptedRoomEvent(event), roomId);
      return { ok: true, event: decrypted.raw as MatrixEvent };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return { ok: false, code: typeof code === 'string' ? code : 'UnableToDecrypt', sessionId };
    }
  }

  /**
   * The `m.room.encrypted` content for a message, its room key shared with the members' devices
   * first if needed. The machine's state is saved before the message may go: a Megolm index is
   * never used twice, even after a crash.
   */
  async encrypt(roomId: string, content: Readonly<Record<string, unknown>>): Promise<unknown> {
    const encrypted = await this.client.crypto.encryptRoomEvent(roomId, 'm.room.message', content);
    await this.persist(null);
    return encrypted;
  }

  /**
   * Forgets the keys of erased people's rooms (queued by the store once their goodbye has gone):
   * every record about the room or the person, then the machine reopened so that nothing stays
   * in its caches. Returns how many rooms.
   */
  async forgetErasedRooms(): Promise<number> {
    const rooms = this.options.storage.roomsToForget();
    for (const { roomId, userId } of rooms) {
      await this.machine.whenIdle();
      await this.state.records.delete(recordsAbout(this.state.records.all(), roomId, userId));
      await this.machine.reopen();
      await this.machine.whenIdle();
      this.state.save((changes) => this.options.storage.roomForgotten(roomId, changes));
    }
    if (rooms.length > 0) this.options.logger.info('matrix_keys_forgotten', { rooms: rooms.length });
    return rooms.length;
  }

  /**
   * Creates the account's cross-signing keys, publishes them and signs this device with them, so
   * that clients which trust only cross-signed devices (MSC4153) talk to the bot.
   * NOTE: https://spec.matrix.org/v1.11/client-server-api/#cross-signing — publishing the keys may
   * need user-interactive auth: the account's password (MATRIX_ACCOUNT_PASSWORD), or an approval
   * on the homeserver's account page; until then the bot works, uncross-signed, and says so.
   */
  private async crossSign(): Promise<void> {
    const { logger, storage } = this.options;
    const status = await this.machine.crossSigningStatus();
    const requests = await this.machine.bootstrapCrossSigning(!(status.hasMaster && status.hasSelfSigning && status.hasUserSigning));
    await this.persist(null);
    if (requests.uploadKeysRequest) {
      const answer = await this.client.doRequest('POST', '/_matrix/client/v3/keys/upload', null, JSON.parse(requests.uploadKeysRequest.body));
      await this.machine.markRequestAsSent(requests.uploadKeysRequest.id, requests.uploadKeysRequest.type, JSON.stringify(answer));
    }
    const signingKeys = JSON.parse(requests.uploadSigningKeysRequest.body) as Record<string, unknown>;
    if (!(await this.uploadSigningKeys(signingKeys))) return;
    const signatures = requests.uploadSignaturesRequest;
    const answer = await this.client.doRequest('POST', '/_matrix/client/v3/keys/signatures/upload', null, JSON.parse(signatures.body));
    if (signatures.id) await this.machine.markRequestAsSent(signatures.id, signatures.type, JSON.stringify(answer));
    storage.markCrossSigned(this.options.clock.now().toISOString());
    await this.persist(null);
    logger.info('matrix_cross_signed', { device: this.deviceId });
  }

  /** Publishes the signing keys, with the password when the homeserver asks; false when it could not. */
  private async uploadSigningKeys(body: Record<string, unknown>): Promise<boolean> {
    const { logger, accountPassword } = this.options;
    const path = '/_matrix/client/v3/keys/device_signing/upload';
    try {
      await this.client.doRequest('POST', path, null, body);
      return true;
    } catch (error) {
      const uia = error instanceof MatrixError && error.statusCode === 401 ? (error.body as { session?: string; flows?: { stages?: string[] }[]; params?: Record<string, { url?: string }> }) : null;
      if (!uia) throw error;
      const passwordFlow = uia.flows?.some((flow) => flow.stages?.length === 1 && flow.stages[0] === 'm.login.password') ?? false;
      if (passwordFlow && accountPassword) {
        const auth = { type: 'm.login.password', identifier: { type: 'm.id.user', user: this.userId }, password: accountPassword, ...(uia.session ? { session: uia.session } : {}) };
        try {
          await this.client.doRequest('POST', path, null, { ...body, auth });
          return true;
        } catch (retry) {
          if (!(retry instanceof MatrixError && retry.statusCode === 401)) throw retry;
          logger.error('matrix_cross_signing_password_refused', { device: this.deviceId });
          return false;
        }
      }
      // MSC4312 (matrix-authentication-service): approve the reset at this address, then restart.
      const approveAt = uia.params?.['org.matrix.cross_signing_reset']?.url ?? null;
      logger.error('matrix_cross_signing_needs_auth', { device: this.deviceId, password: passwordFlow, approve_at: approveAt });
      return false;
    }
  }

  /** Saves what is left and stops following the store. */
  async stop(): Promise<void> {
    await this.persist(null);
    this.machine.close();
    this.state.close();
  }
}
