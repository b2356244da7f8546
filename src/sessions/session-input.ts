import type { AgentText, AssemblySession } from '../domain/assembly-session';
import { SUPPORTED_LANGUAGES, type Language } from '../domain/language';
import { parseLocalTime } from '../lib/local-time-input';
import { parseReminderOffsets } from '../lib/reminder-offsets';
import type { SessionChanges } from './manage-sessions';

/** A session as an agent types it (CLI options, web form): texts per language and local times. Absent: unchanged when editing. */
export interface SessionFields {
  readonly title?: Readonly<Partial<Record<Language, string>>>;
  readonly description?: Readonly<Partial<Record<Language, string>>>;
  readonly start?: string;
  readonly end?: string;
  readonly place?: string;
  /** Offsets such as `7d,1d,2h`, or `none`; empty: the deployment's default. */
  readonly reminders?: string;
}

/** A field a problem is about (`title_fr`…), for a face to put the problem beside it. */
export type SessionField = `title_${Language}` | 'start' | 'end' | 'place' | 'reminders';

/** One thing wrong with what the agent typed: where, and what (each face words it its own way). */
export type SessionProblem =
  | { readonly field: SessionField; readonly problem: 'missing' }
  | { readonly field: 'start' | 'end'; readonly problem: 'bad_time'; readonly value: string }
  | { readonly field: 'end'; readonly problem: 'end_before_start' }
  | { readonly field: 'reminders'; readonly problem: 'bad_reminders'; readonly value: string };

/** The changes to apply, or every problem found, in the order of the fields. */
export type SessionReading = { readonly ok: true; readonly changes: SessionChanges } | { readonly ok: false; readonly problems: readonly SessionProblem[] };

/** The texts given, trimmed, over those of the session edited; null when none is left. */
function texts(given: SessionFields['title'], base: AgentText | null): AgentText | null {
  const result: Partial<Record<Language, string>> = { ...(base ?? {}) };
  for (const language of SUPPORTED_LANGUAGES) {
    const value = given?.[language];
    if (value !== undefined) result[language] = value.trim();
  }
  const kept = Object.fromEntries(Object.entries(result).filter(([, value]) => value !== ''));
  return Object.keys(kept).length > 0 ? kept : null;
}

/**
 * Reads and checks a session an agent typed, over the session being edited (null for a new one):
 * a title in the default language, start and end on the city's clock with the end after the
 * start, a place, and reminder offsets if given. The CLI and the back-office both use it, so a
 * session is accepted or refused the same way everywhere.
 */
export function readSessionFields(fields: SessionFields, base: AssemblySession | null, timeZone: string, defaultLanguage: Language): SessionReading {
  const problems: SessionProblem[] = [];
  const title = texts(fields.title, base?.title ?? null);
  if (!title?.[defaultLanguage]) problems.push({ field: `title_${defaultLanguage}`, problem: 'missing' });
  const time = (field: 'start' | 'end', value: string | undefined, fallback: string | undefined): string | null => {
    if (value === undefined || value.trim() === '') {
      if (fallback) return fallback;
      problems.push({ field, problem: 'missing' });
      return null;
    }
    const parsed = parseLocalTime(value, timeZone);
    if (!parsed) problems.push({ field, problem: 'bad_time', value });
    return parsed?.toISOString() ?? null;
  };
  const startsAt = time('start', fields.start, base?.startsAt);
  const endsAt = time('end', fields.end, base?.endsAt);
  if (startsAt && endsAt && endsAt <= startsAt) problems.push({ field: 'end', problem: 'end_before_start' });
  const place = fields.place !== undefined ? fields.place.trim() : base?.place;
  if (!place) problems.push({ field: 'place', problem: 'missing' });
  let reminderOffsets = base?.reminderOffsets ?? null;
  if (fields.reminders !== undefined) {
    const value = fields.reminders.trim();
    reminderOffsets = value === '' ? null : parseReminderOffsets(value);
    if (value !== '' && !reminderOffsets) problems.push({ field: 'reminders', problem: 'bad_reminders', value: fields.reminders });
  }
  if (problems.length > 0 || !title || !startsAt || !endsAt || !place) return { ok: false, problems };
  return { ok: true, changes: { title, description: texts(fields.description, base?.description ?? null), place, startsAt, endsAt, reminderOffsets } };
}
