import { CLI_ACTOR, grantRole } from '../../src/roles/manage-roles';
import { openIdeaCall } from '../../src/ideas/moderate-ideas';
import { eachTestApp } from '../support/test-app';

/**
 * While a mediator acts for someone, what they do is the person's: an idea is the person's, MES
 * DONNÉES shows the person's data (and what mediators did for them), EFFACER erases the person.
 */
const bot = eachTestApp({ PARLONS_QUIET_HOURS: 'off' });

/** Jeanne, a mediator, registers Marie (oral consent, no reminders) and is left acting for her. */
async function jeanneActsForNewMarie(): Promise<{ jeanne: number; marie: number }> {
  for (const text of ['bonjour', '1']) await bot.say('jeanne', text);
  const jeanne = bot.app.store.contacts.find('console', 'jeanne')!.personId;
  grantRole(bot.app.store, jeanne, 'mediator', 'Maison de quartier', CLI_ACTOR, bot.clock.now());
  for (const text of ['relais', '1', '2', 'oral, permanence du 22/11', '1', 'Marie', '13', '6', '1', '3', '3']) await bot.say('jeanne', text);
  const registered = (await bot.say('jeanne', '1')).join('\n');
  expect(registered).toContain('[Vous agissez pour Marie (Trois-Cités) — FIN pour arrêter]');
  const marie = bot.app.store.mediation.supportedBy(jeanne)[0]!.id;
  return { jeanne, marie };
}

test('an idea submitted while acting is the person\'s, and her MES DONNÉES says a mediator submitted it', async () => {
  openIdeaCall(bot.app.store, { theme: null, opensAt: bot.clock.now().toISOString(), closesAt: new Date(bot.clock.now().getTime() + 7 * 86_400_000).toISOString() }, bot.clock.now());
  const { jeanne, marie } = await jeanneActsForNewMarie();
  for (const text of ['idées', '1']) await bot.say('jeanne', text);
  for (const text of ['Un banc devant la pharmacie', 'Pour se reposer en faisant les courses']) await bot.say('jeanne', text);
  const sent = (await bot.say('jeanne', '1')).join('\n');
  expect(sent).toContain('Votre idée est envoyée');
  expect(bot.app.store.ideas.authoredBy(marie).map((i) => i.title)).toEqual(['Un banc devant la pharmacie']);
  expect(bot.app.store.ideas.authoredBy(jeanne)).toEqual([]);

  const myData = (await bot.say('jeanne', 'mes données')).join('\n');
  expect(myData).toContain('accord oral « oral, permanence du 22/11 », recueilli par un médiateur');
  expect(myData).toMatch(/Ce que des médiateurs ont fait pour vous \(\d+ en tout, les plus récentes\) :/);
  expect(myData).toContain(`idée proposée, par le médiateur n° ${jeanne} (Maison de quartier)`);
});

test('EFFACER while acting erases the person at her request; the audit keeps the action, without her', async () => {
  const { jeanne, marie } = await jeanneActsForNewMarie();
  await bot.say('jeanne', 'effacer');
  const erased = (await bot.say('jeanne', '1')).join('\n');
  expect(erased).toContain('[Vous agissez pour Marie (Trois-Cités) — FIN pour arrêter]');
  expect(erased).toContain('Espace médiation. Vous n\'accompagnez encore personne.');
  expect(bot.app.store.people.find(marie)).toBeNull();
  expect(bot.app.store.mediation.acting(bot.app.store.contacts.find('console', 'jeanne')!.id)).toBeNull();
  const last = bot.app.store.audit.list({ actorId: jeanne }).at(-1)!;
  expect(last).toMatchObject({ action: 'erase_person', subjectId: null });
  // The mediator's next message is her own again.
  expect((await bot.say('jeanne', '2')).join('\n')).toContain('Que voulez-vous faire ? Répondez par un numéro.');
});
