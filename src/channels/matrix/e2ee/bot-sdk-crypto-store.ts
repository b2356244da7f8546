import { RustSdkCryptoStorageProvider, type ICryptoRoomInformation, type ICryptoStorageProvider } from 'matrix-bot-sdk';
import type { MatrixCryptoStorage } from './crypto-storage';

/** The IndexedDB store the crypto machine opens (its records are saved, sealed, in SQLite). */
export const CRYPTO_STORE_NAME = 'parlons-matrix-crypto';

/**
 * What matrix-bot-sdk's CryptoClient keeps besides the machine's store: the device id and each
 * encrypted room's settings, here in Parlons' database instead of bot-sdk's JSON file.
 */
class DatabaseCryptoStore implements ICryptoStorageProvider {
  /** bot-sdk passes it to the machine as the store's name. */
  readonly storagePath = CRYPTO_STORE_NAME;
  readonly storageType = 0;

  constructor(private readonly storage: MatrixCryptoStorage) {}

  async getDeviceId(): Promise<string> {
    // Set before the client prepares (see MatrixE2ee.start): the device the state belongs to.
    return this.storage.cryptoAccount()?.deviceId ?? '';
  }

  async setDeviceId(): Promise<void> {
    // The device id is the account row's, written with the new device's state.
  }

  async getRoom(roomId: string): Promise<ICryptoRoomInformation> {
    const room = this.storage.roomEncryption(roomId);
    if (!room) return undefined as unknown as ICryptoRoomInformation;
    return {
      algorithm: room.algorithm,
      ...(room.rotationPeriodMs !== null ? { rotation_period_ms: room.rotationPeriodMs } : {}),
      ...(room.rotationPeriodMsgs !== null ? { rotation_period_msgs: room.rotationPeriodMsgs } : {}),
      ...(room.historyVisibility !== null ? { historyVisibility: room.historyVisibility } : {}),
    };
  }

  async storeRoom(roomId: string, config: ICryptoRoomInformation): Promise<void> {
    this.storage.saveRoomEncryption(roomId, roomEncryptionOf({ ...config }));
  }
}

/** A room's encryption settings from an `m.room.encryption` content (and its history visibility). */
export function roomEncryptionOf(content: Readonly<Record<string, unknown>>) {
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return {
    algorithm: typeof content.algorithm === 'string' ? content.algorithm : 'UNKNOWN',
    rotationPeriodMs: number(content.rotation_period_ms),
    rotationPeriodMsgs: number(content.rotation_period_msgs),
    historyVisibility: typeof content.historyVisibility === 'string' ? content.historyVisibility : null,
  };
}

// NOTE: bot-sdk 0.7.1's MatrixClient refuses any crypto store that is not `instanceof
// RustSdkCryptoStorageProvider`, whose constructor makes a folder and a JSON file on disk. Ours
// inherits that class's prototype without running its constructor: nothing is written outside
// the database.
Object.setPrototypeOf(DatabaseCryptoStore.prototype, RustSdkCryptoStorageProvider.prototype);

/** The crypto store to give a MatrixClient. */
export function databaseCryptoStore(storage: MatrixCryptoStorage): RustSdkCryptoStorageProvider {
  return new DatabaseCryptoStore(storage) as unknown as RustSdkCryptoStorageProvider;
}
