import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { City } from '../domain/city';
import { AGE_BRACKETS, EQUIPMENTS, GENDERS, OTHER_NEIGHBOURHOOD } from '../domain/profile';
import { projectRoot } from '../lib/project-root';

/** The folder of city files shipped with Parlons. */
export const CITIES_DIR = path.join(projectRoot(), 'data', 'cities');

/** Profile fields every volunteer has; a city question cannot take their names. */
const STANDARD_FIELDS = new Set(['first_name', 'neighbourhood', 'age_bracket', 'gender', 'equipment', 'reminders', 'phone_number']);

const snakeCaseId = z.string().regex(/^[a-z0-9]+(_[a-z0-9]+)*$/, 'snake_case id expected');

/** A text per language code; the city's default language at least (checked where languages are known). */
const cityText = z.record(z.string().regex(/^[a-z]{2}$/), z.string().trim().min(1)).refine((t) => Object.keys(t).length > 0, 'a text in at least one language');

/** Ids a city question's options may not take: "prefer not to say" is added by Parlons. */
const RESERVED_OPTION_IDS = new Set(['undisclosed']);

const profileQuestion = z
  .object({
    id: snakeCaseId,
    field: cityText,
    ask: cityText,
    options: z
      .array(z.object({ id: snakeCaseId, label: cityText }).strict())
      .min(2)
      .max(8)
      .refine((list) => new Set(list.map((o) => o.id)).size === list.length, 'option ids must be unique')
      .refine((list) => list.every((o) => !RESERVED_OPTION_IDS.has(o.id)), '"undisclosed" is reserved: Parlons adds "prefer not to say" itself'),
  })
  .strict();

const citySchema = z
  .object({
    id: snakeCaseId,
    name: z.string().min(1),
    country: z.string().regex(/^[A-Z]{2}$/, 'ISO country code expected, such as FR'),
    timeZone: z.string().refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'unknown time zone'),
    humanContact: z.string().min(1),
    neighbourhoods: z
      .array(z.object({ id: snakeCaseId, name: z.string().min(1), aliases: z.array(z.string()).default([]) }))
      .min(1)
      .refine((list) => new Set(list.map((n) => n.id)).size === list.length, 'neighbourhood ids must be unique')
      .refine((list) => list.every((n) => n.id !== 'other'), '"other" is reserved'),
    profileQuestions: z
      .array(profileQuestion)
      .max(5)
      .refine((list) => new Set(list.map((q) => q.id)).size === list.length, 'question ids must be unique')
      .refine((list) => list.every((q) => !STANDARD_FIELDS.has(q.id)), 'a question id may not be a standard profile field')
      .optional(),
    population: z.record(snakeCaseId, z.record(snakeCaseId, z.number().nonnegative())).optional(),
  })
  .strict()
  .superRefine((city, ctx) => {
    // Census figures must name fields and values volunteers can have, or they would never be compared.
    const known: Record<string, readonly string[]> = {
      neighbourhood: [...city.neighbourhoods.map((n) => n.id), OTHER_NEIGHBOURHOOD],
      age_bracket: AGE_BRACKETS,
      gender: GENDERS,
      equipment: EQUIPMENTS,
      ...Object.fromEntries((city.profileQuestions ?? []).map((q) => [q.id, q.options.map((o) => o.id)])),
    };
    for (const [field, figures] of Object.entries(city.population ?? {})) {
      const values = known[field];
      if (!values) {
        ctx.addIssue({ code: 'custom', path: ['population', field], message: `unknown profile field; expected one of ${Object.keys(known).join(', ')}` });
        continue;
      }
      for (const value of Object.keys(figures)) {
        if (!values.includes(value)) ctx.addIssue({ code: 'custom', path: ['population', field, value], message: `unknown ${field}; expected one of ${values.join(', ')}` });
      }
    }
  });

/** A city file that cannot be used; the message says which file and what is wrong. */
export class CityFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CityFileError';
  }
}

/**
 * Loads a city: a name from `data/cities/` (`poitiers`) or a path to a JSON file of the same
 * shape, so another city needs no code.
 */
export function loadCity(nameOrPath: string): City {
  const file = nameOrPath.endsWith('.json') ? path.resolve(nameOrPath) : path.join(CITIES_DIR, `${nameOrPath}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CityFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = citySchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    throw new CityFileError(`${file}: ${problems}`);
  }
  return parsed.data;
}
