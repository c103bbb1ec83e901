import { isCnIdNumber } from '@laoke/platform';
import { describe, expect, it } from 'vitest';
import { cardNumberFor, hasValidCheckDigit, luhnCheckDigit } from '../src/domain/card-number';

describe('R3: card numbers carry a Luhn check digit', () => {
  it('computes the check digit of the textbook example', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('formats the sequence as VIP + 9 digits + check digit', () => {
    expect(cardNumberFor(100000001)).toBe('VIP1000000016');
    expect(hasValidCheckDigit('VIP1000000016')).toBe(true);
  });

  it('refuses every single-digit typo', () => {
    const number = cardNumberFor(123456789);
    for (let i = 3; i < number.length; i++) {
      const typo = `${number.slice(0, i)}${(Number(number[i]) + 1) % 10}${number.slice(i + 1)}`;
      expect(hasValidCheckDigit(typo)).toBe(false);
    }
  });

  it('refuses a sequence that no longer fits nine digits', () => {
    expect(() => cardNumberFor(1_000_000_000)).toThrow();
  });
});

describe('GB 11643 national ID numbers', () => {
  it.each([
    ['11010519491231002X', true],
    ['110105194912310021', false],
    ['11010519491231002x', false],
    ['1101051949123100', false],
  ])('%s valid: %s', (value, valid) => {
    expect(isCnIdNumber(value)).toBe(valid);
  });
});
