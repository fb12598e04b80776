import { isCalendarDate } from '../src/lib/dates';

test('calendar dates: the real ones of 1900 to 2999, nothing else', () => {
  for (const valid of ['1900-01-01', '2024-02-29', '2000-02-29', '2023-12-31', '2999-12-31', '2025-04-30']) expect(isCalendarDate(valid)).toBe(true);
  for (const invalid of [
    '1899-12-31', '3000-01-01', '2023-02-29', '1900-02-29', '2100-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00',
    '2025-1-01', '2025-01-01T00:00', ' 2025-01-01', '2025/01/01', '２０２５-01-01', '', 'yesterday',
  ]) {
    expect(isCalendarDate(invalid)).toBe(false);
  }
});
