import { isCalendarDate, splitAtWholeMonths } from '../src/lib/dates';

test('calendar dates: the real ones of 1900 to 2999, nothing else', () => {
  for (const valid of ['1900-01-01', '2024-02-29', '2000-02-29', '2023-12-31', '2999-12-31', '2025-04-30']) expect(isCalendarDate(valid)).toBe(true);
  for (const invalid of [
    '1899-12-31', '3000-01-01', '2023-02-29', '1900-02-29', '2100-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00',
    '2025-1-01', '2025-01-01T00:00', ' 2025-01-01', '2025/01/01', '２０２５-01-01', '', 'yesterday',
  ]) {
    expect(isCalendarDate(invalid)).toBe(false);
  }
});

test('a period cut at whole months: the months for the monthly sums, the days at either end for the rows', () => {
  expect(splitAtWholeMonths('2025-01-01', '2025-12-31')).toEqual({ months: { from: '2025-01', to: '2025-12' }, days: [] });
  expect(splitAtWholeMonths('2024-02-01', '2024-02-29')).toEqual({ months: { from: '2024-02', to: '2024-02' }, days: [] });
  expect(splitAtWholeMonths('2025-02-01', '2025-02-28')).toEqual({ months: { from: '2025-02', to: '2025-02' }, days: [] });
  expect(splitAtWholeMonths('2024-11-15', '2025-03-10')).toEqual({
    months: { from: '2024-12', to: '2025-02' },
    days: [{ from: '2024-11-15', to: '2024-11-30' }, { from: '2025-03-01', to: '2025-03-10' }],
  });
  expect(splitAtWholeMonths('2025-03-01', '2025-04-10')).toEqual({ months: { from: '2025-03', to: '2025-03' }, days: [{ from: '2025-04-01', to: '2025-04-10' }] });
  expect(splitAtWholeMonths('2025-03-05', '2025-04-30')).toEqual({ months: { from: '2025-04', to: '2025-04' }, days: [{ from: '2025-03-05', to: '2025-03-31' }] });
  // No whole month inside: the rows answer all of it.
  expect(splitAtWholeMonths('2025-03-05', '2025-03-31')).toEqual({ months: null, days: [{ from: '2025-03-05', to: '2025-03-31' }] });
  expect(splitAtWholeMonths('2025-03-05', '2025-04-10')).toEqual({ months: null, days: [{ from: '2025-03-05', to: '2025-04-10' }] });
  expect(splitAtWholeMonths('2025-03-01', '2025-03-01')).toEqual({ months: null, days: [{ from: '2025-03-01', to: '2025-03-01' }] });
});
