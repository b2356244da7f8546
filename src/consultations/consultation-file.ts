import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
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
import { SUBMIT_TICKED } from '../domain/outgoing-message';
import { counted, type TextParam } from '../domain/text';
import { readLocalTime } from '../lib/local-time-input';

/** One thing wrong in a consultation file: where (`questions.2.options`, its line), and what, in the agent's language. */
export interface FileProblem {
  readonly path: string;
  readonly message: string;
  /** The line (from 1) of the value in question, or of the nearest one around it that the file has. */
  readonly line?: number;
}

/** The definition, or every problem found (not only the first: agents fix a file in one go). */
export type ReadResult = { readonly ok: true; readonly definition: ConsultationDefinition } | { readonly ok: false; readonly problems: readonly FileProblem[] };

/** Translates our own problem messages (keys under `consultation.file.` in the CLI's locale). */
export type ProblemTranslator = (key: string, params?: Record<string, TextParam>) => string;

/** Option ids the chat uses for itself; an agent's option may not take them. */
const RESERVED_IDS = new Set(['skip', 'menu', 'back', SUBMIT_TICKED]);
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

type Raw = Record<string, unknown>;

function isRaw(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Problems a schema cannot see: times, repeated ids, a maximum above the number of options.
 * Read from the file as it is, whatever else is wrong in it, so that every problem is listed in
 * one run (the schema's and these).
 */
function crossChecks(raw: unknown, timeZone: string, t: ProblemTranslator): { problems: FileProblem[]; opensAt: string; closesAt: string } {
  const problems: FileProblem[] = [];
  const data = isRaw(raw) ? raw : {};
  const time = (value: unknown, path: string): string => {
    if (value instanceof Date) return value.toISOString();
    // Anything but text is the schema's to report.
    if (typeof value !== 'string') return '';
    const reading = readLocalTime(value, timeZone);
    if (reading.kind === 'time') return reading.at.toISOString();
    const params = { value, zone: timeZone, ...(reading.kind === 'twice' ? { first: reading.first, second: reading.second } : {}) };
    problems.push({ path, message: t(`consultation.file.time_${reading.kind}`, params) });
    return '';
  };
  const opensAt = time(data.opens, 'opens');
  const closesAt = time(data.closes, 'closes');
  if (opensAt && closesAt && closesAt <= opensAt) problems.push({ path: 'closes', message: t('consultation.file.closes_before_opens') });
  const seen = new Set<string>();
  list(data.questions).forEach((q, index) => {
    if (!isRaw(q)) return;
    if (typeof q.id === 'string') {
      if (seen.has(q.id)) problems.push({ path: `questions.${index}.id`, message: t('consultation.file.repeated_id', { id: q.id }) });
      seen.add(q.id);
    }
    const field = q.type === 'majority_judgment' ? 'proposals' : 'options';
    const options = list(q[field]);
    const ids = new Set<string>();
    options.forEach((o, i) => {
      if (!isRaw(o) || typeof o.id !== 'string') return;
      if (ids.has(o.id)) problems.push({ path: `questions.${index}.${field}.${i}.id`, message: t('consultation.file.repeated_id', { id: o.id }) });
      if (RESERVED_IDS.has(o.id)) problems.push({ path: `questions.${index}.${field}.${i}.id`, message: t('consultation.file.reserved_id', { id: o.id, reserved: [...RESERVED_IDS].join(', ') }) });
      ids.add(o.id);
    });
    if (q.type === 'several_choices' && typeof q.max === 'number' && q.max > options.length) {
      problems.push({ path: `questions.${index}.max`, message: t('consultation.file.max_too_high', { max: q.max, options: counted('options', options.length) }) });
    }
  });
  return { problems, opensAt, closesAt };
}

/**
 * The line of `path` in the file: of its key or item where the file has it, else of the nearest
 * enclosing one (a missing `title.en` points at `title`).
 */
function lineOf(doc: Document, lines: LineCounter, path: readonly string[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(step));
      if (!pair) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(step)];
      if (!item) break;
      offset = (item as { range?: [number, number, number] }).range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/**
 * Reads a consultation file (YAML, of which JSON is a subset). Times are the city's wall-clock
 * time (`2026-12-01 09:00`) or ISO 8601 with an offset. Texts the residents read are required in
 * every language Parlons speaks; an option's label may be one text for all (a proper name).
 */
export function readConsultationFile(source: string, timeZone: string, language: Language, t: ProblemTranslator): ReadResult {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  // The parser's first error: those after it are mostly its consequences.
  const [broken] = doc.errors;
  if (broken) return { ok: false, problems: [{ path: '', message: t('consultation.file.not_yaml', { reason: broken.message.split('\n')[0] ?? '' }), line: broken.linePos?.[0].line ?? 1 }] };
  return readConsultationData(doc.toJS(), timeZone, language, t, (path) => lineOf(doc, lines, path));
}

/**
 * Checks a consultation given as data, shaped as the file is (the back-office's form builds the
 * same shape): the same rules and the same problems, each with its path (`questions.1.options`)
 * and, for a file, its line (`lineOf`), in the order of the file.
 */
export function readConsultationData(
  data: unknown,
  timeZone: string,
  language: Language,
  t: ProblemTranslator,
  lineOfPath: (path: readonly string[]) => number | undefined = () => undefined,
): ReadResult {
  const parsed = schema.safeParse(data, { error: (language === 'fr' ? z.locales.fr() : z.locales.en()).localeError });
  const checks = crossChecks(data, timeZone, t);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }))),
    ...checks.problems.map((p) => ({ path: p.path.split('.'), message: p.message })),
  ];
  const located = issues.map(({ path, message }): FileProblem => {
    const line = lineOfPath(path);
    return { path: path.join('.'), message, ...(line !== undefined ? { line } : {}) };
  });
  // In the order of the file, so that an agent fixes them from top to bottom.
  const problems = located.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const raw = parsed.data;
  const { opensAt, closesAt } = checks;
  return {
    ok: true,
    definition: { title: raw.title, description: raw.description ?? null, opensAt, closesAt, audience: raw.audience, questions: raw.questions.map(toQuestion) },
  };
}
