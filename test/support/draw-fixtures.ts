import type { App } from '../../src/app/create-app';
import type { DrawDefinition } from '../../src/domain/draw';
import { AGE_BRACKETS, type AgeBracket, type Gender } from '../../src/domain/profile';
import { prepareDraw } from '../../src/draws/prepare-draw';
import { readQuotaFile } from '../../src/draws/quota-file';
import { runDraw } from '../../src/draws/run-draw';
import { loadSolver } from '../../src/draws/selection/highs-solver';
import { seededRandom } from '../../src/lib/seeded-random';
import type { DrawRecord } from '../../src/store/draws-repo';

/** A working group of 5 among 14 volunteers: 2 or 3 women and men; at least one person aged 16–24 and one aged 65–79. */
export const DRAW_QUOTAS = `
name: { fr: Groupe de travail, en: Working group }
pool: volunteers
panel_size: 5
seed_source: "Les numéros du Loto du samedi 5 décembre 2026"
answer_within: 7d
about: { fr: "Trois soirées pour préparer la séance.", en: "Three evenings to prepare the session." }
categories:
  gender:
    values:
      woman: { min: 2, max: 3 }
      man: { min: 2, max: 3 }
      other: { min: 0, max: 0 }
      undisclosed: { min: 0, max: 1 }
  age_bracket:
    values:
      16_24: { min: 1, max: 5 }
      25_34: { min: 0, max: 5 }
      35_49: { min: 0, max: 5 }
      50_64: { min: 0, max: 5 }
      65_79: { min: 1, max: 5 }
      80_plus: { min: 0, max: 5 }
`;

/** The 14 volunteers of the pool: 7 women and 7 men; three aged 16–24, three aged 65–79. */
export const DRAW_POOL: readonly [name: string, age: AgeBracket, gender: Exclude<Gender, 'other' | 'undisclosed'>][] = [
  ['ana', '16_24', 'woman'], ['bob', '16_24', 'man'], ['cleo', '35_49', 'woman'], ['dan', '35_49', 'man'], ['eva', '65_79', 'woman'],
  ['fred', '65_79', 'man'], ['gina', '25_34', 'woman'], ['hugo', '25_34', 'man'], ['iris', '50_64', 'woman'], ['jules', '50_64', 'man'],
  ['kim', '35_49', 'woman'], ['leo', '35_49', 'man'], ['mia', '16_24', 'woman'], ['noe', '65_79', 'man'],
];

/** What a resident types in the registration's menus for `age` and `gender`. */
export function typedAnswers(age: AgeBracket, gender: 'woman' | 'man'): { age: string; gender: string } {
  return { age: String(AGE_BRACKETS.indexOf(age) + 1), gender: gender === 'woman' ? 'femme' : 'homme' };
}

/** `source` read as a quotas file in `app`'s city; throws with its problems when it does not read. */
export function drawDefinition(app: Pick<App, 'settings'>, source = DRAW_QUOTAS): DrawDefinition {
  const read = readQuotaFile(source, app.settings.city, 'fr', (key) => key);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.definition;
}

/** The draw of `source` prepared with seeded pseudonyms, then, given a `seed`, run: its people invited. */
export async function preparedDraw(app: App, options: { source?: string; seed?: string } = {}): Promise<DrawRecord> {
  const random = seededRandom(3);
  const deps = { store: app.store, solver: await loadSolver(), city: app.settings.city, pseudonymRandom: (max: number) => Math.floor(random() * max) };
  const prepared = prepareDraw(deps, drawDefinition(app, options.source), app.clock.now());
  if (!prepared.ok) throw new Error(`prepare failed: ${prepared.reason}`);
  if (options.seed === undefined) return prepared.draw;
  const run = runDraw(app.store, app.conversations, prepared.draw.id, options.seed, app.clock.now(), false);
  if (!run.ok) throw new Error(`run failed: ${run.reason}`);
  return app.store.draws.find(prepared.draw.id) ?? prepared.draw;
}
