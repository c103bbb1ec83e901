import { maskMobile, type PiiCipher } from '@laoke/platform';

/** li.na@example.com → l***@example.com */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
};

/** 11010119900307451X → 110101********451X: the region stays, the birth date does not. */
export const maskIdNumber = (idNumber: string): string =>
  `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;

/** Only the first characters (province and city) of an address stay readable. */
export const maskAddress = (address: string): string => `${[...address].slice(0, 6).join('')}****`;

/** A personal field as stored: encrypted, masked, and (for look-ups) its keyed hash. */
export interface ProtectedValue {
  encrypted: string;
  masked: string;
  fingerprint: string;
}

export function protect(pii: PiiCipher, plain: string, mask: (v: string) => string) {
  return {
    encrypted: pii.encrypt(plain),
    masked: mask(plain),
    fingerprint: pii.fingerprint(plain),
  };
}

export const protectMobile = (pii: PiiCipher, mobile: string): ProtectedValue =>
  protect(pii, mobile, maskMobile);
