import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Identity } from './person-key';

/** Format version 1: one version byte, a 12-byte nonce, the 16-byte GCM tag, then the ciphertext. */
const VERSION = 1;
const NONCE = 12;
const TAG = 16;

/**
 * Encrypts a beneficiary's identity at rest with AES-256-GCM. The beneficiary's id is bound as
 * additional data, so a ciphertext copied onto another row does not decrypt. The version byte lets a
 * later key rotation tell old rows from new ones.
 */
export class IdentityCipher {
  private readonly key: Buffer;

  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('IDENTITY_ENCRYPTION_KEY must be 32 bytes (base64)');
  }

  encrypt(beneficiaryId: string, identity: Identity): Buffer {
    const nonce = randomBytes(NONCE);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(beneficiaryId, 'utf8'));
    const plain = JSON.stringify([identity.lastName, identity.firstName, identity.birthDate]);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
  }

  decrypt(beneficiaryId: string, blob: Buffer): Identity {
    if (blob[0] !== VERSION) throw new Error(`identity of ${beneficiaryId}: unknown format ${blob[0]}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, blob.subarray(1, 1 + NONCE));
    decipher.setAAD(Buffer.from(beneficiaryId, 'utf8'));
    decipher.setAuthTag(blob.subarray(1 + NONCE, 1 + NONCE + TAG));
    const plain = Buffer.concat([decipher.update(blob.subarray(1 + NONCE + TAG)), decipher.final()]).toString('utf8');
    const [lastName, firstName, birthDate] = JSON.parse(plain) as [string, string, string];
    return { lastName, firstName, birthDate };
  }
}
