import { describe, expect, it } from 'vitest';
import { durationMs } from '../src/domain/organisation/iso-duration';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('how far a sandbox clock is advanced', () => {
  it.each([
    ['P3D', 3 * DAY],
    ['PT36H', 36 * HOUR],
    ['P1W2DT4H30M', 9 * DAY + 4.5 * HOUR],
    ['PT90S', 90_000],
    ['-P1D', -DAY],
  ])('reads %s', (text, ms) => expect(durationMs(text)).toBe(ms));

  it('takes a number as seconds', () => expect(durationMs(86_400)).toBe(DAY));

  it.each(['P', 'PT', 'P1M', 'P1Y', 'P1DT', '3D', 'P1.5D', 'P1D ', ''])(
    'refuses %j (no fixed length, or not a duration)',
    (text) => expect(durationMs(text)).toBeUndefined(),
  );
});
