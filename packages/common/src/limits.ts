/** Longest texts the API accepts; the web puts the same numbers on its inputs' maxlength. */
export const LIMITS = {
  name: 100,
  email: 254,
  description: 500,
  notes: 5000,
  search: 200,
  /** Parts of one split transaction. */
  splits: 100,
} as const;
