import { describe, expect, it } from 'vitest';
import { dayActions } from './day-actions';

describe('a day of the working calendar', () => {
  it('offers to make a working day a day off, never a working day', () => {
    expect(dayActions({ worked: true, standard: true, company: false })).toEqual({
      off: 'off',
      on: null,
      standard: false,
    });
  });

  it('offers to make a day off a working day, never a day off', () => {
    expect(dayActions({ worked: false, standard: false, company: false })).toEqual({
      off: null,
      on: 'on',
      standard: false,
    });
  });

  it('gives a company day back to the standard calendar when the choice agrees with it', () => {
    // A weekday the company took off: making it a working day again is the standard calendar.
    expect(dayActions({ worked: false, standard: true, company: true })).toEqual({
      off: null,
      on: 'standard',
      standard: true,
    });
    // A weekend the company worked: making it a day off again is the standard calendar.
    expect(dayActions({ worked: true, standard: false, company: true })).toEqual({
      off: 'standard',
      on: null,
      standard: true,
    });
  });
});
