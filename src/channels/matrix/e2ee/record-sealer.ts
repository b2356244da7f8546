import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** How a passphrase becomes keys; kept (as JSON) with the sealed records. */
export interface KeyDerivation {
  readonly name: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  /** Base64. */
  readonly salt: string;
}

/**
 * NOTE: scrypt's recommended interactive parameters (N = 2^15, r = 8, p = 1: about 32 MB and a
 * tenth of a second, once per start), https://www.rfc-editor.org/rfc/rfc7914#section-2.
 */
const DEFAULT_DERIVATION = { name: 'scrypt', N: 2 ** 15, r: 8, p: 1 } as const;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CHECK_LABEL = 'parlons matrix crypto passphrase check';

/** The passphrase does not open the crypto state kept in the database. */
export class WrongPassphraseError extends Error {
  constructor() {
    super('MATRIX_CRYPTO_PASSPHRASE does not open the Matrix crypto state kept in the database');
    this.name = 'WrongPassphraseError';
  }
}

function derive(passphrase: string, kdf: KeyDerivation): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Seals the crypto machine's records for the database, under keys derived from
 * `MATRIX_CRYPTO_PASSPHRASE`: AES-256-GCM for the content (a fresh nonce each time, the record's id
 * as associated data, so a sealed record cannot be moved to another row), and HMAC-SHA-256 for the
 * ids, so that where a record belongs (which contains Matrix ids) is not readable either.
 */
export class RecordSealer {
  private constructor(
    private readonly encryptionKey: Buffer,
    private readonly macKey: Buffer,
  ) {}

  /** A new sealer with a random salt; `keyCheck` lets a later start tell a wrong passphrase. */
  static async create(passphrase: string): Promise<{ sealer: RecordSealer; kdf: KeyDerivation; keyCheck: Buffer }> {
    const kdf: KeyDerivation = { ...DEFAULT_DERIVATION, salt: randomBytes(16).toString('base64') };
    const sealer = RecordSealer.fromKey(await derive(passphrase, kdf));
    return { sealer, kdf, keyCheck: sealer.check() };
  }

  /** The sealer of existing records; throws WrongPassphraseError when `keyCheck` does not match. */
  static async open(passphrase: string, kdf: KeyDerivation, keyCheck: Buffer): Promise<RecordSealer> {
    const sealer = RecordSealer.fromKey(await derive(passphrase, kdf));
    const expected = sealer.check();
    if (expected.length !== keyCheck.length || !timingSafeEqual(expected, keyCheck)) throw new WrongPassphraseError();
    return sealer;
  }

  private static fromKey(key: Buffer): RecordSealer {
    return new RecordSealer(key.subarray(0, 32), key.subarray(32, 64));
  }

  private check(): Buffer {
    return createHmac('sha256', this.macKey).update(CHECK_LABEL).digest();
  }

  /** The row id of a record, from where it belongs (any bytes that say it uniquely). */
  recordId(place: string): Buffer {
    return createHmac('sha256', this.macKey).update(place).digest();
  }

  seal(id: Buffer, plain: Buffer): Buffer {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, nonce);
    cipher.setAAD(id);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([nonce, body, cipher.getAuthTag()]);
  }

  /** Throws when the record was altered, or sealed for another id or under another passphrase. */
  open(id: Buffer, sealed: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(id);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  }
}
