import { gsm7Septets } from './gsm7-alphabet';

/**
 * Replacements for characters French (and English) texts use that GSM-7 lacks. Without them, one
 * `ê` or `’` sends the whole message as UCS-2: 70 characters an SMS instead of 160.
 */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '’': "'", '‘': "'", 'ʼ': "'", '´': "'", '`': "'",
  '“': '"', '”': '"', '«': '"', '»': '"', '„': '"',
  '…': '...', '–': '-', '—': '-', '‑': '-', '·': '.', '•': '-',
  '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '\t': ' ',
  œ: 'oe', Œ: 'OE', ç: 'c', ÿ: 'y', Ÿ: 'Y',
  // "n° 12" is how French writes a number: "no 12" reads the same.
  '°': 'o',
};

/**
 * Rewrites a text with GSM-7 characters only where it can without changing its meaning:
 * typographic quotes and dashes, ligatures, and accented letters GSM-7 lacks lose their accent
 * (`ê` → `e`, `Â` → `A`; `é è à ù` stay, GSM-7 has them). Characters with no plain equivalent
 * (most emoji, other scripts) are kept: the message then goes as UCS-2 rather than lose them.
 */
export function toGsm7(text: string): string {
  // French guillemets carry inner spaces (« Mon profil »); straight quotes do not ("Mon profil").
  const quoted = text.replace(/«[\s\u00a0\u202f]*/g, '"').replace(/[\s\u00a0\u202f]*»/g, '"');
  let out = '';
  for (const char of quoted) {
    if (gsm7Septets(char) !== null) out += char;
    else if (char in REPLACEMENTS) out += REPLACEMENTS[char];
    else {
      // Base letter plus combining accents: keep the base when GSM-7 has it.
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += base !== char && base !== '' && [...base].every((c) => gsm7Septets(c) !== null) ? base : char;
    }
  }
  return out;
}
