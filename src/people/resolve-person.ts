import type { CountryCode } from 'libphonenumber-js/min';
import { isChannelKind } from '../domain/channel-kind';
import { toE164 } from '../lib/phone-number';
import type { Store } from '../store/store';

/**
 * Finds the person an operator means: a person id (`12`), a contact point written
 * `channel:address` (`console:camille`, `telegram:123456`), or a phone number in any usual form.
 */
export function resolvePerson(store: Store, ref: string, country: string): number | null {
  const trimmed = ref.trim();
  if (/^\d+$/.test(trimmed)) return store.people.find(Number(trimmed))?.id ?? null;
  const separator = trimmed.indexOf(':');
  const channel = trimmed.slice(0, separator);
  if (separator > 0 && isChannelKind(channel)) {
    const address = trimmed.slice(separator + 1);
    const normalised = channel === 'sms' ? (toE164(address, country as CountryCode) ?? address) : address;
    return store.contacts.find(channel, normalised)?.personId ?? null;
  }
  const phone = toE164(trimmed, country as CountryCode);
  return phone ? (store.contacts.find('sms', phone)?.personId ?? null) : null;
}
