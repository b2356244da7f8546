'use strict';
/**
 * Stand-in for @matrix-org/matrix-sdk-crypto-nodejs. matrix-bot-sdk requires it when it loads,
 * but only calls into it when a client is given a crypto store (end-to-end encryption), which
 * Parlons never does. Every export is here so that loading succeeds; any use throws and says why.
 */
class EncryptionNotSupportedError extends Error {
  constructor(name) {
    super(`${name}: end-to-end encryption is not supported by Parlons (this is a stand-in for @matrix-org/matrix-sdk-crypto-nodejs)`);
    this.name = 'EncryptionNotSupportedError';
  }
}

/** A class whose construction and static calls throw. */
function unsupported(name) {
  const Unsupported = class {
    constructor() {
      throw new EncryptionNotSupportedError(name);
    }
    static initialize() {
      throw new EncryptionNotSupportedError(`${name}.initialize`);
    }
  };
  Object.defineProperty(Unsupported, 'name', { value: name });
  return Unsupported;
}

// The names matrix-bot-sdk 0.7.1 uses (lib/e2ee/CryptoClient.js and RustEngine.js).
for (const name of ['OlmMachine', 'UserId', 'DeviceId', 'RoomId', 'DeviceLists', 'Attachment', 'EncryptedAttachment', 'EncryptionSettings']) {
  exports[name] = unsupported(name);
}
// Enums are plain objects in the real module; matrix-bot-sdk reads them only when encrypting.
exports.StoreType = Object.freeze({ Sled: 0, Sqlite: 1 });
exports.EncryptionNotSupportedError = EncryptionNotSupportedError;
