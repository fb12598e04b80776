import { describe, expect, it } from 'vitest';
import { datePattern, dateProblem, missingFields } from './form-messages';

describe('dateProblem', () => {
  it('says a typed date is not valid, with the format the field asks for', () => {
    expect(dateProblem('', true, 'en-US')).toBe('That is not a valid date: enter day, month and year as MM/DD/YYYY, such as 03/14/2025.');
    expect(dateProblem('', true, 'de-DE')).toBe('That is not a valid date: enter day, month and year as DD.MM.YYYY, such as 14.03.2025.');
    expect(dateProblem('2025-13', false, 'en-GB')).toBe('That is not a valid date: enter day, month and year as DD/MM/YYYY, such as 14/03/2025.');
  });

  it('asks for a date only when there is none, and accepts one', () => {
    expect(dateProblem('', false, 'en-US')).toBe('Pick a date.');
    expect(dateProblem('2025-03-14', false, 'en-US')).toBeNull();
    expect(datePattern('en-US')).toBe('MM/DD/YYYY');
  });
});

describe('missingFields', () => {
  it('names every empty required field, not only the first', () => {
    expect(missingFields({ name: { value: ' ', message: 'Enter your name.' }, email: { value: '', message: 'Enter your email.' }, password: { value: 'x', message: 'p' } }))
      .toEqual({ name: 'Enter your name.', email: 'Enter your email.' });
  });
});
