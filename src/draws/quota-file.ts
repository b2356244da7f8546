import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { FileProblem, ProblemTranslator } from '../consultations/consultation-file';
import { populationShares, type City } from '../domain/city';
import { drawFields, type CategorySeats, type DrawDefinition, type PoolSource } from '../domain/draw';
import { SUPPORTED_LANGUAGES, type Language } from '../domain/language';
import { ROLES } from '../domain/role';
import { counted } from '../domain/text';
import { readLocalTime } from '../lib/local-time-input';
import { parseReminderOffsets } from '../lib/reminder-offsets';

/** The definition, or every problem found at once. */
export type QuotaFileResult = { readonly ok: true; readonly definition: DrawDefinition } | { readonly ok: false; readonly problems: readonly FileProblem[] };

/** Seats either side of a population share, unless the file says otherwise. */
const DEFAULT_TOLERANCE = 1;
/** People drawn have this long to answer, unless the file says otherwise. */
const DEFAULT_ANSWER_WITHIN = '7d';
const MAX_PANEL = 1000;

/**
 * A text in every language, at most `max` characters: the invitation, by SMS, is two messages of
 * three segments at most with the longest name, description and compensation (npm run sms-segments).
 */
const everyLanguage = (max: number) => z.object(Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, z.string().trim().min(1).max(max)])) as Record<Language, z.ZodString>);
const seats = z.number().int().min(0);
const share = z.union([z.number().min(0).max(1), z.string().regex(/^\d{1,3}(\.\d+)?\s*%$/)]);
const valueSpec = z.union([
  z.literal('population'),
  z.object({ min: seats, max: seats }).strict(),
  z.object({ share, tolerance: seats.optional() }).strict(),
]);
const categorySpec = z.union([z.literal('population'), z.object({ tolerance: seats.optional(), values: z.record(z.string(), valueSpec) }).strict()]);

const schema = z
  .object({
    name: everyLanguage(60),
    pool: z.string(),
    exclude: z.object({ drawn_since: z.union([z.string(), z.date()]).optional(), draws: z.array(z.number().int().min(1)).default([]) }).strict().optional(),
    panel_size: z.number().int().min(1).max(MAX_PANEL),
    seed_source: z.string().trim().min(10).max(300),
    answer_within: z.string().default(DEFAULT_ANSWER_WITHIN),
    about: everyLanguage(160),
    compensation: everyLanguage(80).optional(),
    sessions: z.array(z.number().int().min(1)).max(6).default([]),
    categories: z.record(z.string(), categorySpec).refine((c) => Object.keys(c).length > 0, 'at least one category'),
  })
  .strict();

/**
 * The same fields, each left out when it does not read, so that a file with a wrong field still
 * has its other fields checked: every problem is listed at once, not the schema's first.
 */
const lenient = z.object(Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, (field as z.ZodType).optional().catch(undefined)])) as { [K in keyof typeof schema.shape]: z.ZodCatch<z.ZodOptional<(typeof schema.shape)[K]>> });

type RawValue = z.infer<typeof valueSpec>;
type Raw = z.infer<typeof schema>;

/** `volunteers`, `role:assembly_member` or `draw:3`; null when none of these. */
function readPool(text: string): PoolSource | null {
  if (text.trim() === 'volunteers') return { kind: 'volunteers' };
  const role = /^role:([a-z_]+)$/.exec(text.trim());
  if (role?.[1] && (ROLES as readonly string[]).includes(role[1])) return { kind: 'role', role: role[1] };
  const draw = /^draw:(\d+)$/.exec(text.trim());
  if (draw?.[1]) return { kind: 'draw', drawId: Number(draw[1]) };
  return null;
}

function shareOf(value: number | string): number {
  return typeof value === 'number' ? value : Number(value.replace('%', '').trim()) / 100;
}

/** The seats a share gives a panel: its seats rounded down and up, then `tolerance` either side. */
export function seatsForShare(fraction: number, panelSize: number, tolerance: number): { min: number; max: number } {
  const target = fraction * panelSize;
  return { min: Math.max(0, Math.floor(target + 1e-9) - tolerance), max: Math.min(panelSize, Math.ceil(target - 1e-9) + tolerance) };
}

/** Resolves the categories to seats, listing every problem (unknown field or value, a value without quota, shares the city lacks…). */
function resolveCategories(raw: Pick<Raw, 'categories' | 'panel_size'>, city: City, t: ProblemTranslator): { categories: CategorySeats[]; problems: FileProblem[] } {
  const problems: FileProblem[] = [];
  const fields = new Map(drawFields(city).map((f) => [f.id, f.values]));
  const categories: CategorySeats[] = [];
  for (const [field, spec] of Object.entries(raw.categories)) {
    const path = `categories.${field}`;
    const known = fields.get(field);
    if (!known) {
      problems.push({ path, message: t('draw.file.unknown_field', { field, fields: [...fields.keys()].join(', ') }) });
      continue;
    }
    const tolerance = spec === 'population' ? DEFAULT_TOLERANCE : (spec.tolerance ?? DEFAULT_TOLERANCE);
    const given: Record<string, RawValue> = spec === 'population' ? Object.fromEntries(known.map((v) => [v, 'population' as const])) : spec.values;
    for (const value of Object.keys(given)) {
      if (!known.includes(value)) problems.push({ path: `${path}.values.${value}`, message: t('draw.file.unknown_value', { value, field, values: known.join(', ') }) });
    }
    const missing = known.filter((v) => given[v] === undefined);
    if (missing.length > 0) problems.push({ path: `${path}.values`, message: t('draw.file.missing_values', { field, values: missing.join(', ') }) });
    const shares = populationShares(city, field) ?? {};
    const withoutShare = known.filter((v) => given[v] === 'population' && shares[v] === undefined);
    if (withoutShare.length > 0) problems.push({ path: `${path}.values`, message: t('draw.file.no_population_share', { field, values: withoutShare.join(', ') }) });
    const values = known.map((value) => {
      const v = given[value];
      if (v === undefined || v === 'population') return { value, ...seatsForShare(shares[value] ?? 0, raw.panel_size, tolerance) };
      if ('share' in v) return { value, ...seatsForShare(shareOf(v.share), raw.panel_size, v.tolerance ?? tolerance) };
      if (v.min > v.max) problems.push({ path: `${path}.values.${value}`, message: t('draw.file.min_above_max', { min: v.min, max: v.max }) });
      return { value, min: v.min, max: v.max };
    });
    const mins = values.reduce((sum, v) => sum + v.min, 0);
    const maxes = values.reduce((sum, v) => sum + Math.min(v.max, raw.panel_size), 0);
    if (mins > raw.panel_size) problems.push({ path, message: t('draw.file.minimums_too_high', { field, total: counted('seats', mins), panel: raw.panel_size }) });
    if (maxes < raw.panel_size) problems.push({ path, message: t('draw.file.maximums_too_low', { field, total: counted('seats', maxes), panel: raw.panel_size }) });
    categories.push({ field, values });
  }
  return { categories, problems };
}

/**
 * `exclude.drawn_since` as an instant: a date (its midnight) or a date and time on the city's
 * clock; a time skipped or doubled by a change of time is reported, not guessed.
 */
function typedSince(since: string, timeZone: string, t: ProblemTranslator, problems: FileProblem[]): Date | null {
  const reading = readLocalTime(since.length === 10 ? `${since} 00:00` : since, timeZone);
  if (reading.kind === 'time') return reading.at;
  const key = reading.kind === 'unreadable' ? 'bad_time' : `time_${reading.kind}`;
  problems.push({ path: 'exclude.drawn_since', message: t(`draw.file.${key}`, { value: since, zone: timeZone, ...(reading.kind === 'twice' ? { first: reading.first, second: reading.second } : {}) }) });
  return null;
}

/**
 * Reads a draw's quotas file (YAML, of which JSON is a subset): its name and what taking part
 * means in every language, the pool, people left out, the panel size, the public random source,
 * how long people drawn have to answer, and for each category (a profile field) a quota per
 * value: `{ min, max }` seats, `{ share, tolerance }`, or `population` (the city's census share,
 * `tolerance` seats either side, 1 by default). Every problem is listed, not only the first.
 */
export function readQuotaFile(source: string, city: City, language: Language, t: ProblemTranslator): QuotaFileResult {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    return { ok: false, problems: [{ path: '', message: t('draw.file.not_yaml', { reason: (error as Error).message.split('\n')[0] ?? '' }) }] };
  }
  const parsed = schema.safeParse(data, { error: (language === 'fr' ? z.locales.fr() : z.locales.en()).localeError });
  const problems: FileProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const readable = lenient.safeParse(data);
  if (!readable.success) return { ok: false, problems };
  const some = readable.data;
  const pool = some.pool === undefined ? null : readPool(some.pool);
  if (some.pool !== undefined && !pool) problems.push({ path: 'pool', message: t('draw.file.bad_pool', { value: some.pool }) });
  const [answerWithin] = some.answer_within === undefined ? [] : (parseReminderOffsets(some.answer_within) ?? []);
  if (some.answer_within !== undefined && (answerWithin === undefined || some.answer_within.includes(','))) problems.push({ path: 'answer_within', message: t('draw.file.bad_delay', { value: some.answer_within }) });
  const since = some.exclude?.drawn_since;
  const drawnSince = since === undefined ? null : since instanceof Date ? since : typedSince(since, city.timeZone, t, problems);
  // Without a readable panel size, the totals of minimums and maximums cannot be checked: only the fields and values are.
  const categories = some.categories === undefined ? null : resolveCategories({ categories: some.categories, panel_size: some.panel_size ?? Number.NaN }, city, t);
  problems.push(...(categories?.problems ?? []));
  if (!parsed.success || problems.length > 0 || !pool || answerWithin === undefined || !categories) return { ok: false, problems };
  const raw = parsed.data;
  return {
    ok: true,
    definition: {
      name: raw.name,
      pool,
      exclude: { drawnSince: drawnSince?.toISOString() ?? null, draws: raw.exclude?.draws ?? [] },
      panelSize: raw.panel_size,
      seedSource: raw.seed_source,
      answerWithinMinutes: answerWithin,
      about: raw.about,
      compensation: raw.compensation ?? null,
      sessions: raw.sessions,
      categories: categories.categories,
    },
  };
}
