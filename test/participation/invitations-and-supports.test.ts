import { openConsultation } from '../../src/consultations/consultation-schedule';
import { approveIdea } from '../../src/ideas/moderate-ideas';
import { messagesTo } from '../../src/outbox/list-messages';
import { eachTestApp } from '../support/test-app';
import { sampleDefinition } from '../support/sample-consultation';

/**
 * One numbered choice per screen: invitations that arrive before the first is answered are one
 * list; the one-question consultation says "1 question"; supporting an idea, like submitting
 * one, asks for the privacy notice first.
 */
const bot = eachTestApp({ PARLONS_QUIET_HOURS: 'off' });
const DAY = 86_400_000;

function consultation(title: string, questions = 5): number {
  const { store } = bot.app;
  const now = bot.clock.now();
  const definition = sampleDefinition({ title: { fr: title, en: title } });
  return store.consultations.create({ ...definition, questions: definition.questions.slice(0, questions), opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 7 * DAY).toISOString() }, now);
}

/** A volunteer registered on the console; nothing is sent to them until `deliver`. */
async function volunteer(name: string): Promise<void> {
  for (const m of ['bonjour', '1', '1', '1', name, '13', '2', 'femme', '1', '1', 'oui']) await bot.say(name, m);
}

test('two invitations before the first is answered: one list, the first message never sent, "1" opens the first', async () => {
  await volunteer('zoe');
  const first = consultation('Se déplacer');
  const second = consultation('Les bibliothèques');
  // Both open before anything leaves (quiet hours, a console not open…).
  openConsultation(bot.app.store, bot.app.conversations, first, bot.clock.now());
  openConsultation(bot.app.store, bot.app.conversations, second, bot.clock.now());
  const waiting = messagesTo(bot.app.store, bot.app.translator, bot.app.store.contacts.find('console', 'zoe')!.personId).filter((m) => m.status === 'queued');
  // Until the sender reaches it, the first invitation waits, and says it will not leave.
  expect(waiting.map((m) => m.error)).toEqual(['superseded', null]);
  await bot.dispatcher.dispatchDue();
  const received = bot.channels.console.take('zoe');
  expect(received).toHaveLength(1);
  expect(received[0]).toContain('2 consultations de la Ville attendent votre avis');
  expect(received[0]).toMatch(/1\. Se déplacer .*\n2\. Les bibliothèques .*\n3\. Plus tard$/);
  const rows = bot.app.store.outbox.forContact(bot.app.store.contacts.find('console', 'zoe')!.id);
  expect(rows.filter((r) => r.error === 'superseded')).toHaveLength(1);
  expect((await bot.say('zoe', '1')).join('\n')).toContain('Se déplacer');
});

test('a consultation of one question says "1 question"', async () => {
  await volunteer('zoe');
  openConsultation(bot.app.store, bot.app.conversations, consultation('Une seule question', 1), bot.clock.now());
  await bot.dispatcher.dispatchDue();
  const intro = bot.channels.console.take('zoe').join('\n');
  expect(intro).toContain('1 question, ouvert');
  expect(intro).not.toContain('1 questions');
});

test('supporting an idea asks for the privacy notice first; refusing records nothing', async () => {
  const { store } = bot.app;
  const now = bot.clock.now();
  const call = store.ideas.createCall({ theme: null, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 7 * DAY).toISOString() }, now);
  const author = store.people.create('fr', now);
  const idea = store.ideas.submit({ callId: call, authorId: author, title: 'Des bancs au marché', body: 'Pour se reposer.', neighbourhood: 'trois_cites' }, now);
  approveIdea(store, idea, now);
  for (const m of ['bonjour', '1', 'idées', '2']) await bot.say('lea', m);
  expect((await bot.say('lea', '1')).join('\n')).toContain('Soutenir cette idée');
  const notice = (await bot.say('lea', 'soutenir')).join('\n');
  expect(notice).toContain('Acceptez-vous ?');
  expect((await bot.say('lea', '3')).join('\n')).toContain('Idées publiées');
  expect(store.ideas.supportedBy(store.contacts.find('console', 'lea')!.personId)).toEqual([]);
  await bot.say('lea', '1');
  await bot.say('lea', 'soutenir');
  expect((await bot.say('lea', '1')).join('\n')).toContain('votre soutien est enregistré');
  expect(store.ideas.supportedBy(store.contacts.find('console', 'lea')!.personId)).toHaveLength(1);
});
