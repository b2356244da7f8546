import { erasePerson } from '../../src/privacy/erase-person';
import { exportPerson } from '../../src/privacy/export-person';
import { inTransaction } from '../../src/store/database';
import { eachTestApp } from '../support/test-app';
import { openSampleConsultation } from '../support/sample-consultation';

const bot = eachTestApp();

const DAY = 86_400_000;

/** The sample consultation, open from now for a week. */
const openSample = (): number => openSampleConsultation(bot);

async function answer(who: string): Promise<void> {
  for (const t of ['bonjour', '1', 'consultation', '1', '1', '1', '1', '2', '1 3', '1', '3', '7', 'Un commentaire', '1']) await bot.say(who, t);
}

const personOf = (who: string) => bot.app.store.contacts.find('console', who)!.personId;

test('a ballot is personal data while open: exported, changed, erased with its person', async () => {
  const id = openSample();
  await answer('alice');
  const exported = exportPerson(bot.app.store, personOf('alice'))!;
  expect(exported.ballots).toMatchObject([{ consultation_id: id, answers: { bus_samedi: { choice: 'yes' }, propositions: { grades: { navette: 0, zone30: 2, parking: 6 } } } }]);
  expect(exported.consultations_taken_part_in).toEqual([id]);
  expect(exported.consents).toMatchObject([{ purpose: 'participation' }]);
  inTransaction(bot.app.store.db, () => erasePerson(bot.app.store, personOf('alice'), bot.clock.now()));
  expect(bot.app.store.consultations.answers(id)).toEqual([]);
});

test('at closing, ballots are cut from people: no person, no time, order by content; who took part is kept', async () => {
  const id = openSample();
  await answer('alice');
  await answer('bob');
  bot.clock.advance(8 * DAY);
  bot.app.runScheduler(bot.clock.now());
  expect(bot.app.store.consultations.find(id)?.status).toBe('closed');
  const rows = bot.app.store.db.prepare('SELECT person_id, cast_at FROM ballot WHERE consultation_id = ?').all(id);
  expect(rows).toEqual([
    { person_id: null, cast_at: null },
    { person_id: null, cast_at: null },
  ]);
  expect(bot.app.store.consultations.participants(id)).toBe(2);
  expect(exportPerson(bot.app.store, personOf('alice'))!.ballots).toEqual([]);
  // Erasing a participant afterwards leaves the anonymous ballot counted.
  inTransaction(bot.app.store.db, () => erasePerson(bot.app.store, personOf('alice'), bot.clock.now()));
  expect(bot.app.store.consultations.answers(id)).toHaveLength(2);
  expect(await bot.say('bob', 'consultation')).toEqual([expect.stringContaining('Résultats : Se déplacer dans les quartiers')]);
});

test('erasing an author removes their unpublished ideas; a published one stays without its author', async () => {
  const { store } = bot.app;
  const now = bot.clock.now();
  const call = store.ideas.createCall({ theme: null, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + DAY).toISOString() }, now);
  const person = store.people.create('fr', now);
  const published = store.ideas.submit({ callId: call, authorId: person, title: 'Bancs au parc', body: 'Des bancs à l’ombre', neighbourhood: null }, now);
  const pending = store.ideas.submit({ callId: call, authorId: person, title: 'Fontaines', body: 'Plus de fontaines', neighbourhood: null }, now);
  store.ideas.decide(published, 'published', null, now);
  inTransaction(store.db, () => erasePerson(store, person, now));
  expect(store.ideas.find(pending)).toBeNull();
  expect(store.ideas.find(published)).toMatchObject({ status: 'published', authorId: null });
});

test('a refused notice records nothing and submits nothing', async () => {
  const { store } = bot.app;
  const now = bot.clock.now();
  store.ideas.createCall({ theme: null, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + DAY).toISOString() }, now);
  for (const t of ['bonjour', '1', 'idées', '1']) await bot.say('carla', t);
  const [refused, menu] = await bot.say('carla', '3');
  expect(refused).toContain('Sans votre accord, je ne peux pas garder vos idées');
  expect(menu).toContain('Que voulez-vous faire ?');
  expect(store.people.find(personOf('carla'))?.consents).toEqual([]);
  expect(store.ideas.list({})).toEqual([]);
});
