import path from 'node:path';
import { prepareDraw } from '../../src/draws/prepare-draw';
import { readQuotaFile } from '../../src/draws/quota-file';
import { loadSolver } from '../../src/draws/selection/highs-solver';
import { exportPerson } from '../../src/privacy/export-person';
import { eachTestApp } from '../support/test-app';

/**
 * A city that asks its own optional question (family situation) after the standard ones: asked
 * at registration with "I prefer not to answer", shown in the summary and MES DONNÉES, correctable,
 * kept apart, cleared when volunteering ends, and usable by a draw's quotas.
 */
const CITY = path.join(__dirname, '..', 'fixtures', 'city-with-questions.json');
const bot = eachTestApp({ PARLONS_CITY: CITY, PARLONS_QUIET_HOURS: 'off' });
const STANDARD = ['bonjour', '1', '1', '1', 'Camille', '13', '2', 'femme', '1', '1'];

function personOf(name: string): number {
  return bot.app.store.contacts.find('console', name)?.personId ?? -1;
}

test('registration asks the city question after the standard ones, and the summary shows the answer', async () => {
  for (const message of STANDARD.slice(0, -1)) await bot.say('camille', message);
  // The last standard answer (reminders) brings the city's question.
  const question = (await bot.say('camille', '1')).join('\n');
  expect(question).toContain('Quelle est votre situation familiale ?\n(Question facultative : vous pouvez ne pas répondre.)');
  expect(question).toMatch(/1\. Seul·e, sans enfant\n2\. En couple, sans enfant\n3\. Avec enfant\(s\)\n4\. Je préfère ne pas répondre/);
  const summary = (await bot.say('camille', 'avec enfants')).join('\n');
  expect(summary).toContain('Rappels : ici (console)\nSituation familiale : Avec enfant(s)');
  await bot.say('camille', 'oui');
  expect(bot.app.store.profileAnswers.of(personOf('camille'))).toEqual({ family_situation: 'with_children' });
  expect(exportPerson(bot.app.store, personOf('camille'))?.other_answers).toEqual({ family_situation: 'with_children' });
  expect((await bot.say('camille', 'MES DONNÉES')).join('\n')).toContain('Situation familiale : Avec enfant(s)');
});

test('the answer can be "prefer not to say", corrected from the profile, and is cleared when volunteering ends', async () => {
  for (const message of [...STANDARD, '4', 'oui']) await bot.say('zoe', message);
  expect(bot.app.store.profileAnswers.of(personOf('zoe'))).toEqual({ family_situation: 'undisclosed' });
  bot.channels.console.take('zoe');
  await bot.say('zoe', 'MENU');
  await bot.say('zoe', '1'); // my profile
  await bot.say('zoe', '1'); // change
  const which = (await bot.say('zoe', 'autres questions')).join('\n');
  expect(which).toContain('Quelle est votre situation familiale ?');
  await bot.say('zoe', '2');
  expect(bot.app.store.profileAnswers.of(personOf('zoe'))).toEqual({ family_situation: 'couple' });
  await bot.say('zoe', '2'); // withdraw
  await bot.say('zoe', '1'); // yes
  expect(bot.app.store.profileAnswers.of(personOf('zoe'))).toEqual({});
});

test("a draw's quotas can use the city's question", async () => {
  const answers = ['1', '2', '3', '4', '1', '2', '3', '1'];
  for (const [i, answer] of answers.entries()) for (const message of [...STANDARD.slice(0, 4), `p${i}`, ...STANDARD.slice(5), answer, 'oui']) await bot.say(`p${i}`, message);
  const file = `
name: { fr: Essai, en: Trial }
pool: volunteers
panel_size: 3
seed_source: "Un dé lancé en public trois fois"
about: { fr: "Un essai.", en: "A trial." }
categories:
  family_situation:
    values:
      alone: { min: 1, max: 1 }
      couple: { min: 1, max: 1 }
      with_children: { min: 1, max: 1 }
      undisclosed: { min: 0, max: 0 }
`;
  const read = readQuotaFile(file, bot.app.settings.city, 'fr', (key) => key);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const result = prepareDraw({ store: bot.app.store, solver: await loadSolver(), city: bot.app.settings.city }, read.definition, bot.clock.now());
  if (!result.ok) throw new Error(result.reason);
  const byValue = (value: string) => result.draw.prepared.pool.filter((e) => e.values[0] === value);
  expect(byValue('alone')).toHaveLength(3);
  // Nobody who preferred not to answer can sit (quota 0): their chance is 0, the others' is 1/3 or 1/2.
  expect(byValue('undisclosed').map((e) => e.probability)).toEqual([0]);
  expect(byValue('alone').map((e) => e.probability)).toEqual([1 / 3, 1 / 3, 1 / 3].map((p) => expect.closeTo(p, 9)));
  expect(byValue('couple').map((e) => e.probability)).toEqual([1 / 2, 1 / 2].map((p) => expect.closeTo(p, 9)));
});
