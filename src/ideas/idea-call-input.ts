import type { IdeaCall } from '../domain/idea';
import { SUPPORTED_LANGUAGES, type Language } from '../domain/language';
import { typedTime, type TimeProblem } from '../lib/local-time-input';

/** A call for ideas as an agent types it: local times, and an optional theme per language. */
export interface IdeaCallFields {
  /** Empty or absent: now. */
  readonly from?: string;
  readonly until: string;
  readonly theme?: Readonly<Partial<Record<Language, string>>>;
}

/** What is wrong with a call typed: where, and what. */
export type IdeaCallProblem =
  | ({ readonly field: 'from' | 'until'; readonly value: string } & TimeProblem)
  | { readonly field: 'until'; readonly problem: 'missing' | 'until_before_from' };

/**
 * Reads a call for ideas as the CLI and the back-office take it: times on the city's clock, the
 * end after the start, a theme in the languages given. Every problem is returned.
 */
export function readIdeaCallFields(fields: IdeaCallFields, timeZone: string, now: Date): { readonly ok: true; readonly call: Omit<IdeaCall, 'id'> } | { readonly ok: false; readonly problems: readonly IdeaCallProblem[] } {
  const problems: IdeaCallProblem[] = [];
  const time = (field: 'from' | 'until', value: string): string | null => {
    const typed = typedTime(value, timeZone);
    if (typed.ok) return typed.at.toISOString();
    const { ok: _ok, ...problem } = typed;
    problems.push({ field, value, ...problem });
    return null;
  };
  const opensAt = fields.from?.trim() ? time('from', fields.from) : now.toISOString();
  const closesAt = fields.until.trim() ? time('until', fields.until) : null;
  if (!fields.until.trim()) problems.push({ field: 'until', problem: 'missing' });
  if (opensAt && closesAt && closesAt <= opensAt) problems.push({ field: 'until', problem: 'until_before_from' });
  const theme: Partial<Record<Language, string>> = {};
  for (const language of SUPPORTED_LANGUAGES) {
    const value = fields.theme?.[language]?.trim();
    if (value) theme[language] = value;
  }
  if (problems.length > 0 || !opensAt || !closesAt) return { ok: false, problems };
  return { ok: true, call: { theme: Object.keys(theme).length > 0 ? theme : null, opensAt, closesAt } };
}
