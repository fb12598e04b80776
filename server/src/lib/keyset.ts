/** A position in a list ordered newest first: the (date, id) of the last row seen. */
export interface Keyset {
  date: string;
  id: number;
}
