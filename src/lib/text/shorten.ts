/**
 * `value` cut to at most `max` characters (code points), ending with "…" when it was cut: for
 * titles in menus and texts repeated in summaries, where a message must stay short.
 */
export function shorten(value: string, max: number): string {
  const chars = [...value];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : value;
}
