import type { City } from '../../domain/city';
import type { ChannelKind } from '../../domain/channel-kind';
import type { PersonSnapshot } from '../../domain/person-snapshot';
import {
  AGE_BRACKETS,
  EQUIPMENTS,
  GENDERS,
  REMINDER_PREFERENCES,
  type VolunteerProfile,
} from '../../domain/profile';
import { literal, text, type Text, type TextParam } from '../../domain/text';
import { neighbourhoodLabel } from '../../domain/person-label';
import { formatPhoneNumber } from '../../lib/phone-number';
import type { FlowData, FlowValue } from '../engine/conversation-state';
import type { StepContext } from '../engine/flow-functions';

function oneOf<T extends string>(values: readonly T[], value: FlowValue | undefined): T | null {
  return typeof value === 'string' && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** The profile flow data describes, or null while a field is missing or unknown. */
export function profileFromData(data: FlowData): VolunteerProfile | null {
  const firstName = typeof data.first_name === 'string' ? data.first_name : null;
  const neighbourhood = typeof data.neighbourhood === 'string' ? data.neighbourhood : null;
  const ageBracket = oneOf(AGE_BRACKETS, data.age_bracket);
  const gender = oneOf(GENDERS, data.gender);
  const equipment = oneOf(EQUIPMENTS, data.equipment);
  const reminders = oneOf(REMINDER_PREFERENCES, data.reminders);
  if (!firstName || !neighbourhood || !ageBracket || !gender || !equipment || !reminders) return null;
  return { firstName, neighbourhood, ageBracket, gender, equipment, reminders };
}

/**
 * Where "reminders here" leads for the profile being filled: the channel the person writes on, or
 * `mediator` when a mediator fills it for someone (reminders then go to the mediator's digest).
 */
export type ReminderHere = ChannelKind | 'mediator';

/** Whether a mediator fills this profile for someone: registering them, or acting for them. */
export function forOther(ctx: StepContext): boolean {
  return ctx.onBehalf !== undefined || ctx.data.mediated === true;
}

/** What "reminders here" means in this conversation (see ReminderHere). */
export function reminderHere(ctx: StepContext): ReminderHere {
  return forOther(ctx) ? 'mediator' : ctx.contact.channel;
}

/** The SMS number a profile's data asks reminders to go to, when it is another contact point than this one. */
export function smsNumberFromData(data: FlowData, here: ReminderHere): string | null {
  return data.reminders === 'sms' && here !== 'sms' && typeof data.phone_number === 'string' ? data.phone_number : null;
}

/** Flow data for a saved profile, so that the profile flow can show and change it. */
export function dataFromPerson(person: PersonSnapshot): Record<string, FlowValue> {
  const profile = person.profile;
  if (!profile) return {};
  const reminderContact = person.contacts.find((c) => c.id === person.reminderContactId);
  const data: Record<string, FlowValue> = {
    first_name: profile.firstName,
    neighbourhood: profile.neighbourhood,
    age_bracket: profile.ageBracket,
    gender: profile.gender,
    equipment: profile.equipment,
    reminders: profile.reminders,
  };
  if (profile.reminders === 'sms' && reminderContact?.channel === 'sms') data.phone_number = reminderContact.address;
  return data;
}

function valueLabel(field: string, value: FlowValue | undefined): Text {
  return typeof value === 'string' ? text(`profile:${field}.${value}`) : text('profile:not_given');
}

/** The parameters of a profile summary: every field as the person will read it. */
export function profileParams(data: FlowData, here: ReminderHere, city: City): Record<string, TextParam> {
  const reminders: Text =
    data.reminders === 'sms' && here !== 'sms' && typeof data.phone_number === 'string'
      ? text('profile:reminders.sms_to', { phone: formatPhoneNumber(data.phone_number) })
      : data.reminders === 'this_contact' && here === 'sms'
        ? text('profile:reminders.this_sms')
        : data.reminders === 'this_contact' && here === 'mediator'
          ? text('profile:reminders.via_mediator')
          : data.reminders === 'this_contact'
            ? text('profile:reminders.here_on', { channel: text(`common:channel.${here}`) })
            : valueLabel('reminders', data.reminders);
  return {
    first_name: typeof data.first_name === 'string' ? literal(data.first_name) : text('profile:not_given'),
    neighbourhood: typeof data.neighbourhood === 'string' ? neighbourhoodLabel(data.neighbourhood, city) : text('profile:not_given'),
    age_bracket: valueLabel('age_bracket', data.age_bracket),
    gender: valueLabel('gender', data.gender),
    equipment: valueLabel('equipment', data.equipment),
    reminders,
  };
}
