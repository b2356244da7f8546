import type { AgentText, AssemblySession } from '../domain/assembly-session';
import { SUPPORTED_LANGUAGES, type Language } from '../domain/language';
import { typedTime, type TimeProblem } from '../lib/local-time-input';
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
  /** The session is recorded after the fact: a start already past is accepted. */
  readonly past?: boolean;
}

/** A field a problem is about (`title_fr`…), for a face to put the problem beside it. */
export type SessionField = `title_${Language}` | 'start' | 'end' | 'place' | 'reminders';

/** One thing wrong with what the agent typed: where, and what (each face words it its own way). */
export type SessionProblem =
  | { readonly field: SessionField; readonly problem: 'missing' }
  | ({ readonly field: 'start' | 'end'; readonly value: string } & TimeProblem)
  | { readonly field: 'end'; readonly problem: 'end_before_start' }
  /** A start already past (residents would be reminded of nothing), without `past`. */
  | { readonly field: 'start'; readonly problem: 'start_past'; readonly when: string }
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
 * start, a place, and reminder offsets if given. A time that happens twice when clocks go back
 * is not guessed; a new or moved start already past is refused unless `past`. The CLI and the
 * back-office both use it, so a session is accepted or refused the same way everywhere.
 */
export function readSessionFields(fields: SessionFields, base: AssemblySession | null, timeZone: string, defaultLanguage: Language, now: Date): SessionReading {
  const problems: SessionProblem[] = [];
  const title = texts(fields.title, base?.title ?? null);
  if (!title?.[defaultLanguage]) problems.push({ field: `title_${defaultLanguage}`, problem: 'missing' });
  const time = (field: 'start' | 'end', value: string | undefined, fallback: string | undefined): string | null => {
    if (value === undefined || value.trim() === '') {
      if (fallback) return fallback;
      problems.push({ field, problem: 'missing' });
      return null;
    }
    const typed = typedTime(value, timeZone);
    if (typed.ok) return typed.at.toISOString();
    const { ok: _ok, ...problem } = typed;
    problems.push({ field, value, ...problem });
    return null;
  };
  const startsAt = time('start', fields.start, base?.startsAt);
  const endsAt = time('end', fields.end, base?.endsAt);
  if (startsAt && endsAt && endsAt <= startsAt) problems.push({ field: 'end', problem: 'end_before_start' });
  const moved = base === null || startsAt !== base.startsAt;
  if (startsAt && moved && new Date(startsAt) <= now && fields.past !== true) problems.push({ field: 'start', problem: 'start_past', when: startsAt });
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
