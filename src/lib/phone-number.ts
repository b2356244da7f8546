import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * Reads a phone number as people write it (`06 12 34 56 78`, `+33 6…`, `0033…`) and returns it
 * in E.164 (`+33612345678`), or null when it is not a valid number. National numbers are read in
 * `defaultCountry`.
 */
export function toE164(input: string, defaultCountry: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(input.replace(/^00/, '+'), defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/** Shows an E.164 number the way people of its country write it. */
export function formatPhoneNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
