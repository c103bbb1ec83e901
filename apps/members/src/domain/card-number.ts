/**
 * R3: a card number is `VIP`, nine digits of the brand-wide sequence and a Luhn check digit, so
 * a mistyped number at the POS is refused before any look-up.
 */
const SEQUENCE_DIGITS = 9;

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Doubling starts from the rightmost digit of the payload (the check digit goes after it).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function cardNumberFor(sequence: number): string {
  const payload = String(sequence).padStart(SEQUENCE_DIGITS, '0');
  if (payload.length !== SEQUENCE_DIGITS) throw new Error('card number sequence exhausted');
  return `VIP${payload}${luhnCheckDigit(payload)}`;
}

/** True for a number this service could have issued (the check digit matches). */
export function hasValidCheckDigit(cardNumber: string): boolean {
  const match = /^VIP(\d{9})(\d)$/.exec(cardNumber);
  return match !== null && luhnCheckDigit(match[1] ?? '') === Number(match[2]);
}
