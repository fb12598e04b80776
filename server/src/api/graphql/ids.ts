/**
 * GraphQL IDs arrive as strings. Services take numbers; an ID that is not a positive integer names
 * nothing, so it becomes 0, which no row has, and is answered exactly like an unknown id.
 */
export function decodeId(value: string | number): number {
  return parseId(value) ?? 0;
}

export function decodeOptionalId(value: string | number | null | undefined): number | null | undefined {
  return value == null ? value : decodeId(value);
}

/** The number an ID string stands for, or null when it is not one. */
export function parseId(value: string | number): number | null {
  const text = String(value);
  if (!/^[1-9]\d{0,15}$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}
