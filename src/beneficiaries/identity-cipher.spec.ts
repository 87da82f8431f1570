import { IdentityCipher } from './identity-cipher';

const KEY = Buffer.alloc(32, 7).toString('base64');
const ID = '0b7c7f1e-2c43-4a43-9a43-2c1f0e7c7f1e';
const identity = { lastName: 'Œuvrard', firstName: 'Élodie', birthDate: '1990-05-04' };

describe('IdentityCipher', () => {
  const cipher = new IdentityCipher(KEY);

  it('gives the identity back, accents included', () => {
    expect(cipher.decrypt(ID, cipher.encrypt(ID, identity))).toEqual(identity);
  });

  it('holds nothing readable', () => {
    const blob = cipher.encrypt(ID, identity).toString('latin1');
    for (const clear of ['uvrard', 'lodie', '1990-05-04', '1990']) expect(blob).not.toContain(clear);
  });

  it('differs at each encryption (fresh nonce)', () => {
    expect(cipher.encrypt(ID, identity).equals(cipher.encrypt(ID, identity))).toBe(false);
  });

  it('refuses a ciphertext moved to another beneficiary, or tampered with', () => {
    const blob = cipher.encrypt(ID, identity);
    expect(() => cipher.decrypt('another-id', blob)).toThrow();
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] ^= 1;
    expect(() => cipher.decrypt(ID, tampered)).toThrow();
  });

  it('refuses another key', () => {
    expect(() => new IdentityCipher(Buffer.alloc(32, 8).toString('base64')).decrypt(ID, cipher.encrypt(ID, identity))).toThrow();
    expect(() => new IdentityCipher(Buffer.alloc(16).toString('base64'))).toThrow('32 bytes');
  });
});
