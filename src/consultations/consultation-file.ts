import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AgentText } from '../domain/assembly-session';
import {
  CONSULTATION_AUDIENCES,
  DEFAULT_GRADES,
  type ConsultationDefinition,
  type ConsultationOption,
  type ConsultationQuestion,
} from '../domain/consultation';
import { SUPPORTED_LANGUAGES, type Language } from '../domain/language';
import { parseLocalTime } from '../lib/local-time-input';

/** One thing wrong in a consultation file: where (`questions.2.options`), and what, in the agent's language. */
export interface FileProblem {
  readonly path: string;
  readonly message: string;
}

/** The definition, or every problem found (not only the first: agents fix a file in one go). */
export type ReadResult = { readonly ok: true; readonly definition: ConsultationDefinition } | { readonly ok: false; readonly problems: readonly FileProblem[] };

/** Translates our own problem messages (keys under `consultation.file.` in the CLI's locale). */
export type ProblemTranslator = (key: string, params?: Record<string, string | number>) => string;

/** Option ids the chat uses for itself; an agent's option may not take them. */
const RESERVED_IDS = new Set(['skip', 'menu', 'back']);
const ID = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);
const MAX_QUESTIONS = 20;
const MAX_OPTIONS = 12;

/** A text in every supported language. */
const everyLanguage = z.object(Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, z.string().trim().min(1)])) as Record<Language, z.ZodString>);
/** A label: the same in every language (a proper name), or one per language. */
const label = z.union([z.string().trim().min(1), everyLanguage]);
const option = z.object({ id: ID, label });
const base = { id: ID, text: everyLanguage, optional: z.boolean().default(false) };

const question = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('yes_no') }),
  z.object({ ...base, type: z.literal('one_choice'), options: z.array(option).min(2).max(MAX_OPTIONS) }),
  z.object({ ...base, type: z.literal('several_choices'), options: z.array(option).min(2).max(MAX_OPTIONS), max: z.number().int().min(1) }),
  z.object({ ...base, type: z.literal('majority_judgment'), proposals: z.array(option).min(2).max(MAX_OPTIONS), grades: z.array(everyLanguage).min(2).max(10).optional() }),
  z.object({ ...base, type: z.literal('comment') }),
]);

const schema = z.object({
  title: everyLanguage,
  description: everyLanguage.optional(),
  opens: z.union([z.string(), z.date()]),
  closes: z.union([z.string(), z.date()]),
  audience: z.enum(CONSULTATION_AUDIENCES),
  questions: z.array(question).min(1).max(MAX_QUESTIONS),
});

type RawQuestion = z.infer<typeof question>;

function agentText(value: string | Record<Language, string>): AgentText {
  return typeof value === 'string' ? Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, value.trim()])) : value;
}

function options(raw: readonly { id: string; label: string | Record<Language, string> }[]): ConsultationOption[] {
  return raw.map((o) => ({ id: o.id, label: agentText(o.label) }));
}

function toQuestion(raw: RawQuestion): ConsultationQuestion {
  const common = { id: raw.id, text: raw.text, optional: raw.optional };
  switch (raw.type) {
    case 'yes_no':
    case 'comment':
      return { ...common, type: raw.type };
    case 'one_choice':
      return { ...common, type: raw.type, options: options(raw.options) };
    case 'several_choices':
      return { ...common, type: raw.type, options: options(raw.options), max: raw.max };
    case 'majority_judgment':
      return { ...common, type: raw.type, proposals: options(raw.proposals), grades: raw.grades ?? DEFAULT_GRADES };
  }
}

/** Problems a schema cannot see: times, repeated ids, a maximum above the number of options. */
function crossChecks(raw: z.infer<typeof schema>, timeZone: string, t: ProblemTranslator): { problems: FileProblem[]; opensAt: string; closesAt: string } {
  const problems: FileProblem[] = [];
  const time = (value: string | Date, path: string): string => {
    const parsed = value instanceof Date ? value : parseLocalTime(value, timeZone);
    if (!parsed) problems.push({ path, message: t('consultation.file.bad_time', { value: String(value), zone: timeZone }) });
    return parsed?.toISOString() ?? '';
  };
  const opensAt = time(raw.opens, 'opens');
  const closesAt = time(raw.closes, 'closes');
  if (opensAt && closesAt && closesAt <= opensAt) problems.push({ path: 'closes', message: t('consultation.file.closes_before_opens') });
  const seen = new Set<string>();
  raw.questions.forEach((q, index) => {
    if (seen.has(q.id)) problems.push({ path: `questions.${index}.id`, message: t('consultation.file.repeated_id', { id: q.id }) });
    seen.add(q.id);
    const list = q.type === 'one_choice' || q.type === 'several_choices' ? q.options : q.type === 'majority_judgment' ? q.proposals : [];
    const field = q.type === 'majority_judgment' ? 'proposals' : 'options';
    const ids = new Set<string>();
    list.forEach((o, i) => {
      if (ids.has(o.id)) problems.push({ path: `questions.${index}.${field}.${i}.id`, message: t('consultation.file.repeated_id', { id: o.id }) });
      if (RESERVED_IDS.has(o.id)) problems.push({ path: `questions.${index}.${field}.${i}.id`, message: t('consultation.file.reserved_id', { id: o.id, reserved: [...RESERVED_IDS].join(', ') }) });
      ids.add(o.id);
    });
    if (q.type === 'several_choices' && q.max > q.options.length) {
      problems.push({ path: `questions.${index}.max`, message: t('consultation.file.max_too_high', { max: q.max, count: q.options.length }) });
    }
  });
  return { problems, opensAt, closesAt };
}

/**
 * Reads a consultation file (YAML, of which JSON is a subset). Times are the city's wall-clock
 * time (`2026-12-01 09:00`) or ISO 8601 with an offset. Texts the residents read are required in
 * every language Parlons speaks; an option's label may be one text for all (a proper name).
 */
export function readConsultationFile(source: string, timeZone: string, language: Language, t: ProblemTranslator): ReadResult {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: t('consultation.file.not_yaml', { reason: (error as Error).message.split('\n')[0] ?? '' }) }] };
  }
  return readConsultationData(data, timeZone, language, t);
}

/**
 * Checks a consultation given as data, shaped as the file is (the back-office's form builds the
 * same shape): the same rules and the same problems, each with its path (`questions.1.options`).
 */
export function readConsultationData(data: unknown, timeZone: string, language: Language, t: ProblemTranslator): ReadResult {
  const parsed = schema.safeParse(data, { error: (language === 'fr' ? z.locales.fr() : z.locales.en()).localeError });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) };
  const raw = parsed.data;
  const { problems, opensAt, closesAt } = crossChecks(raw, timeZone, t);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    definition: { title: raw.title, description: raw.description ?? null, opensAt, closesAt, audience: raw.audience, questions: raw.questions.map(toQuestion) },
  };
}
