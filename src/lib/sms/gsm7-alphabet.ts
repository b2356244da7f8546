/**
 * The GSM 03.38 default alphabet (GSM-7), the only one in which an SMS holds 160 characters.
 * NOTE: https://en.wikipedia.org/wiki/GSM_03.38 — the basic table costs one septet per
 * character; the extension table (reached through an escape) costs two. The escape itself (0x1B)
 * is not a character one can send.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';

const BASIC_SET: ReadonlySet<string> = new Set(BASIC);
const EXTENSION_SET: ReadonlySet<string> = new Set(EXTENSION);

/** Septets a character costs in GSM-7 (1 or 2), or null when GSM-7 cannot encode it. */
export function gsm7Septets(char: string): 1 | 2 | null {
  if (BASIC_SET.has(char)) return 1;
  if (EXTENSION_SET.has(char)) return 2;
  return null;
}

/** Whether the whole text can be sent in GSM-7. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (gsm7Septets(char) === null) return false;
  return true;
}
