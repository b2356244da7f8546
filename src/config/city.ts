import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { POPULATION_FIELDS, type City, type PopulationField } from '../domain/city';
import { AGE_BRACKETS, EQUIPMENTS, GENDERS, OTHER_NEIGHBOURHOOD } from '../domain/profile';
import { projectRoot } from '../lib/project-root';

/** The folder of city files shipped with Parlons. */
export const CITIES_DIR = path.join(projectRoot(), 'data', 'cities');

const snakeCaseId = z.string().regex(/^[a-z0-9]+(_[a-z0-9]+)*$/, 'snake_case id expected');

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
    population: z.partialRecord(z.enum(POPULATION_FIELDS), z.record(snakeCaseId, z.number().nonnegative())).optional(),
  })
  .strict()
  .superRefine((city, ctx) => {
    // Census figures must name values volunteers can have, or they would never be compared.
    const known: Record<PopulationField, readonly string[]> = {
      neighbourhood: [...city.neighbourhoods.map((n) => n.id), OTHER_NEIGHBOURHOOD],
      age_bracket: AGE_BRACKETS,
      gender: GENDERS,
      equipment: EQUIPMENTS,
    };
    for (const field of POPULATION_FIELDS) {
      for (const value of Object.keys(city.population?.[field] ?? {})) {
        if (!known[field].includes(value)) ctx.addIssue({ code: 'custom', path: ['population', field, value], message: `unknown ${field}; expected one of ${known[field].join(', ')}` });
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
