import { eachTestApp } from '../support/test-app';

/**
 * People type their age, their year of birth, "un vieux nokia": the registration understands
 * them, and asks when an answer is close to two options rather than guessing.
 */
const bot = eachTestApp();

/** Registers up to the age question, answers it with `age`, and returns what the bot said. */
async function atAge(who: string, age: string): Promise<string> {
  for (const m of ['bonjour', '1', '1', '1', who, '3 cites']) await bot.say(who, m);
  return (await bot.say(who, age)).join('\n');
}

const profileOf = (who: string) => bot.app.store.people.find(bot.app.store.contacts.find('console', who)!.personId)?.profile;

test.each([
  ['67', '65_79'],
  ['67 ans', '65_79'],
  ["j'ai 67 ans", '65_79'],
  ['1958', '65_79'],
  ['née en 1990', '35_49'],
  ['85', '80_plus'],
  ['3', '35_49'],
])('at the age question, "%s" is the bracket %s', async (typed, bracket) => {
  const reply = await atAge('zoe', typed);
  expect(reply).toContain('Vous êtes :');
  for (const m of ['femme', '1', '1', 'oui']) await bot.say('zoe', m);
  expect(profileOf('zoe')?.ageBracket).toBe(bracket);
});

test('a year of birth on the edge of two brackets is asked about, never guessed', async () => {
  // Born in 1961: 64 or 65 in 2026, depending on the birthday.
  const reply = await atAge('zoe', '1961');
  expect(reply).toContain('Vouliez-vous dire');
  expect(reply).toMatch(/1\. 50 à 64 ans\n2\. 65 à 79 ans/);
  expect((await bot.say('zoe', '2')).join('\n')).toContain('Vous êtes :');
});

test('an age under the youngest bracket is explained', async () => {
  expect(await atAge('zoe', '12 ans')).toContain('Les volontaires ont au moins 16 ans');
});

test.each(['un vieux nokia', 'un portable à touches', "pas d'internet", 'téléphone simple'])('at the equipment question, "%s" means neither', async (typed) => {
  await atAge('zoe', '67');
  const equipment = (await bot.say('zoe', 'femme')).join('\n');
  expect(equipment).toContain("3. Ni l'un ni l'autre (téléphone simple, ou rien)");
  expect((await bot.say('zoe', typed)).join('\n')).toContain('rappels');
  for (const m of ['1', 'oui']) await bot.say('zoe', m);
  expect(profileOf('zoe')?.equipment).toBe('none');
});

test('"un portable", which may be either, is asked about', async () => {
  await atAge('zoe', '67');
  await bot.say('zoe', 'femme');
  const asked = (await bot.say('zoe', 'un portable')).join('\n');
  expect(asked).toContain('Vouliez-vous dire');
  expect(asked).toContain('1. Un smartphone');
  expect(asked).toContain("2. Ni l'un ni l'autre");
});
