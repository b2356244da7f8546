import fs from 'node:fs';
import path from 'node:path';
import { readConsultationFile } from '../../src/consultations/consultation-file';
import { castBallot } from '../../src/consultations/cast-ballot';
import { openConsultation } from '../../src/consultations/consultation-schedule';
import type { ChannelKind } from '../../src/domain/channel-kind';
import type { Language } from '../../src/domain/language';
import { applyEffects, type EffectSource } from '../../src/conversation/apply-effects';
import { approveIdea, rejectIdea } from '../../src/ideas/moderate-ideas';
import { CLI_ACTOR, revokeRole } from '../../src/roles/manage-roles';
import { inTransaction } from '../../src/store/database';
import { eachTestApp } from '../support/test-app';

/**
 * Issue 8, agents in chat: a city agent in the console chat broadcasts a notice (seeing who will
 * receive it before confirming), moderates ideas and follows a consultation's participation, each
 * recorded in the audit; they lose the desk with the role.
 */
const bot = eachTestApp();

const DAY = 86_400_000;
const AGENT = 'agnes';

const personOf = (address: string, channel: ChannelKind = 'console') => bot.app.store.contacts.find(channel, address)!.personId;

/** A volunteer registered earlier on `channel`, reminded there. */
function volunteer(channel: ChannelKind, address: string, firstName: string, language: Language = 'fr'): number {
  const { store } = bot.app;
  const now = bot.clock.now();
  const id = store.people.create(language, now);
  const contact = store.contacts.create(id, channel, address, now);
  const profile = { firstName, neighbourhood: 'trois_cites', ageBracket: '35_49', gender: 'woman', equipment: 'smartphone', reminders: 'this_contact' } as const;
  store.people.registerVolunteer(id, profile, contact.id, { purpose: 'volunteer_registration', noticeVersion: 'v1', givenAt: now.toISOString(), method: 'chat' }, now);
  return id;
}

/** Someone who chose French in the console chat, and the agent role given by an admin. */
async function agent(): Promise<number> {
  await bot.say(AGENT, 'bonjour');
  await bot.say(AGENT, '1');
  const id = personOf(AGENT);
  bot.app.store.people.grantRole(id, 'agent', bot.clock.now());
  return id;
}

const audit = () => bot.app.store.audit.list({});
const broadcasts = () => bot.app.store.db.prepare('SELECT id, recipients FROM broadcast ORDER BY id').all() as { id: number; recipients: number }[];
const bulkRows = () =>
  bot.app.store.db.prepare("SELECT contact_id AS contactId, channel, payload FROM outbox WHERE kind = 'bulk' ORDER BY contact_id").all() as { contactId: number; channel: string; payload: string }[];
const contactOf = (channel: ChannelKind, address: string) => bot.app.store.contacts.find(channel, address)!.id;

describe('an agent broadcasts a notice from the console chat', () => {
  test('to the volunteers: the count per channel first, then sent to exactly them; a cancelled one sends nothing', async () => {
    volunteer('telegram', '1001', 'Théo');
    volunteer('sms', '+33611111111', 'Sam', 'en');
    volunteer('console', 'vera', 'Véra');
    await bot.say('rita', 'bonjour'); // a resident, not a volunteer
    await bot.say('rita', '1');
    const agentId = await agent();

    const [desk] = await bot.say(AGENT, 'AGENT');
    expect(desk).toContain('Espace agent de la ville. Que voulez-vous faire ?');
    expect(desk).toContain('2. Idées à relire (0)');
    expect(await bot.say(AGENT, '1')).toEqual([expect.stringContaining("À qui envoyer l'annonce ?")]);
    expect(await bot.say(AGENT, 'les volontaires')).toEqual([expect.stringContaining("Écrivez l'annonce (langue : Français), en 450 caractères au plus.")]);
    expect(await bot.say(AGENT, 'court')).toEqual([expect.stringContaining('Cette annonce est très courte (5 caractères)')]);
    const [translate] = await bot.say(AGENT, 'La séance de samedi commence à 14 h, salle des fêtes.');
    expect(translate).toContain("Par SMS, l'annonce compte 1 SMS.");
    expect(translate).toMatch(/1\. English\n2\. Non, continuer/);
    expect(await bot.say(AGENT, 'english')).toEqual([expect.stringContaining("Écrivez l'annonce (langue : English)")]);
    const [confirm] = await bot.say(AGENT, "Saturday's session starts at 2 pm, community hall.");
    expect(confirm).toContain('3 personnes recevront cette annonce. Les volontaires.\nconsole : 1\nSMS : 1\nTelegram : 1\nPar SMS, elle compte 1 SMS.');
    expect(confirm).toContain('« La séance de samedi commence à 14 h, salle des fêtes. »');
    // Confirming is the only thing that sends.
    expect(broadcasts()).toEqual([]);
    expect(bulkRows()).toEqual([]);

    const [sent, back] = await bot.say(AGENT, '1');
    expect(sent).toBe('Annonce envoyée : elle part vers 3 personnes, au rythme de chaque canal et hors heures calmes.');
    expect(back).toContain('Espace agent de la ville');
    const [broadcast] = broadcasts();
    expect(broadcast).toEqual({ id: expect.any(Number), recipients: 3 });
    const rows = bulkRows();
    expect(rows.map((r) => r.contactId).sort()).toEqual([contactOf('telegram', '1001'), contactOf('sms', '+33611111111'), contactOf('console', 'vera')].sort());
    expect(rows.find((r) => r.channel === 'sms')?.payload).toContain("Saturday's session starts at 2 pm");
    expect(rows.find((r) => r.channel === 'telegram')?.payload).toContain('La séance de samedi commence à 14 h');
    expect(bot.channels.telegram.take('1001')).toEqual(['La séance de samedi commence à 14 h, salle des fêtes.']);
    expect(bot.channels.console.take('rita')).toEqual([]);
    expect(audit()).toMatchObject([
      { action: 'broadcast_sent', actorId: agentId, subjectId: null, channel: 'console', contactId: contactOf('console', AGENT), detail: { broadcast_id: broadcast!.id, recipients: 3 } },
    ]);

    // Another one, to everyone, cancelled at the confirmation: nothing is recorded or queued.
    await bot.say(AGENT, 'annonce');
    await bot.say(AGENT, 'tout le monde');
    await bot.say(AGENT, 'Test de message à ne pas envoyer.');
    expect((await bot.say(AGENT, 'non, continuer'))[0]).toContain('5 personnes recevront cette annonce. Tout le monde.');
    expect((await bot.say(AGENT, '2'))[0]).toContain("Annonce annulée : rien n'a été envoyé.");
    expect(broadcasts()).toHaveLength(1);
    expect(bulkRows()).toHaveLength(3);
    expect(audit()).toHaveLength(1);
  });

  test('to the people who said yes to a session, or to a neighbourhood nobody lives in: told before anything is sent', async () => {
    const yes = volunteer('telegram', '1001', 'Théo');
    volunteer('telegram', '1002', 'Tom');
    await agent();
    const now = bot.clock.now();
    const session = bot.app.store.sessions.create(
      { title: { fr: 'Séance 2 : choisir les questions' }, description: null, place: 'Hôtel de Ville', startsAt: '2026-11-28T09:00:00.000Z', endsAt: '2026-11-28T12:00:00.000Z', reminderOffsets: null },
      now,
    );
    bot.app.store.sessions.answer(session, yes, 'yes', now);

    await bot.say(AGENT, 'agent');
    await bot.say(AGENT, '1');
    expect((await bot.say(AGENT, '7'))[0]).toContain('1. Séance 2 : choisir les questions (samedi 28 novembre à 10:00)');
    await bot.say(AGENT, '1');
    await bot.say(AGENT, 'Rendez-vous à 9 h 45 devant la mairie.');
    const [confirm] = await bot.say(AGENT, '2');
    expect(confirm).toContain('1 personne recevra cette annonce. Les personnes qui viennent à « Séance 2 : choisir les questions » (samedi 28 novembre à 10:00).\nTelegram : 1');
    await bot.say(AGENT, 'envoyer');
    expect(bulkRows().map((r) => r.contactId)).toEqual([contactOf('telegram', '1001')]);

    await bot.say(AGENT, '1');
    await bot.say(AGENT, 'quartier');
    await bot.say(AGENT, 'Montbernage');
    await bot.say(AGENT, 'Travaux rue de la Cathédrale lundi.');
    const [nobody, back] = await bot.say(AGENT, '2');
    expect(nobody).toBe("Personne ne recevrait cette annonce (Les volontaires du quartier Montbernage) : rien n'est envoyé.");
    expect(back).toContain('Espace agent de la ville');
    expect(broadcasts()).toHaveLength(1);
  });
});

describe('an agent moderates ideas from the console chat', () => {
  function pendingIdeas(): { alice: number; bob: number; ids: number[] } {
    const { store } = bot.app;
    const now = bot.clock.now();
    const alice = volunteer('telegram', '2001', 'Alice');
    const bob = volunteer('console', 'bob', 'Bob');
    const call = store.ideas.createCall({ theme: null, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 7 * DAY).toISOString() }, now);
    const ids = [
      store.ideas.submit({ callId: call, authorId: alice, title: 'Des bancs au parc de Blossac', body: "Plus de bancs à l'ombre pour les personnes âgées.", neighbourhood: 'centre_ville' }, now),
      store.ideas.submit({ callId: call, authorId: bob, title: 'Un tramway sur le plateau', body: 'Une ligne de tramway pour traverser la ville.', neighbourhood: null }, now),
    ];
    return { alice, bob, ids };
  }

  test('approves one and rejects another with a reason: statuses change, authors are told, the audit records both', async () => {
    const { ids } = pendingIdeas();
    const agentId = await agent();
    expect((await bot.say(AGENT, 'AGENT'))[0]).toContain('2. Idées à relire (2)');
    const [page] = await bot.say(AGENT, '2');
    expect(page).toContain('Idées à relire (1 à 2 sur 2)');
    expect(page).toContain('1. Des bancs au parc de Blossac (Centre-ville, dimanche 22 novembre à 10:00)');
    expect(page).toContain('2. Un tramway sur le plateau (Autre quartier, ou je ne sais pas, dimanche 22 novembre à 10:00)');
    const [idea, decide] = await bot.say(AGENT, '1');
    expect(idea).toBe("« Des bancs au parc de Blossac »\nPlus de bancs à l'ombre pour les personnes âgées.\nQuartier : Centre-ville. Envoyée le dimanche 22 novembre à 10:00.");
    expect(decide).toContain('Que décidez-vous pour cette idée ?\n1. La publier\n2. La refuser\n3. Revenir à la liste');
    expect((await bot.say(AGENT, 'publier'))[0]).toContain('Idée publiée');
    expect(bot.app.store.ideas.find(ids[0]!)?.status).toBe('published');
    expect(bot.channels.telegram.take('2001')).toEqual([expect.stringContaining('Bonne nouvelle : votre idée « Des bancs au parc de Blossac » est publiée')]);

    expect((await bot.say(AGENT, 'autres idées à relire'))[0]).toContain('Idées à relire (1 à 1 sur 1)');
    await bot.say(AGENT, 'tramway');
    expect((await bot.say(AGENT, '2'))[0]).toContain('Pourquoi refuser « Un tramway sur le plateau » ?');
    expect(await bot.say(AGENT, '')).toEqual([expect.stringContaining('Écrivez la raison du refus')]);
    expect((await bot.say(AGENT, 'Le tramway relève de la Métropole.'))[0]).toContain('Idée refusée : son auteur reçoit votre raison.');
    expect(bot.app.store.ideas.find(ids[1]!)).toMatchObject({ status: 'rejected', reason: 'Le tramway relève de la Métropole.' });
    expect(bot.channels.console.take('bob')).toEqual([expect.stringContaining("n'a pas été retenue. La raison : Le tramway relève de la Métropole.")]);

    expect((await bot.say(AGENT, '1'))[0]).toContain("Aucune idée n'attend de relecture.");
    expect(audit().map(({ action, actorId, subjectId, detail }) => ({ action, actorId, subjectId, detail }))).toEqual([
      { action: 'idea_approved', actorId: agentId, subjectId: null, detail: { idea_id: ids[0] } },
      { action: 'idea_rejected', actorId: agentId, subjectId: null, detail: { idea_id: ids[1] } },
    ]);
  });

  test('an idea decided by someone else meanwhile gets a kind word, and nothing changes', async () => {
    const { ids } = pendingIdeas();
    await agent();
    await bot.say(AGENT, 'AGENT');
    await bot.say(AGENT, '2');
    await bot.say(AGENT, '1');
    // Another agent, at the CLI, publishes it while this one reads it, then rejects it.
    approveIdea(bot.app.store, ids[0]!, bot.clock.now());
    const [stale, list] = await bot.say(AGENT, 'publier');
    expect(stale).toBe("Cette idée a été traitée entre-temps, sans doute par un ou une collègue. Je n'ai rien changé.");
    expect(list).toContain('Idées à relire (1 à 1 sur 1)');
    // The same while the agent writes a reason to reject the other one.
    await bot.say(AGENT, '1');
    expect((await bot.say(AGENT, 'refuser'))[0]).toContain('Pourquoi refuser « Un tramway sur le plateau » ?');
    rejectIdea(bot.app.store, ids[1]!, 'Hors sujet.', bot.clock.now());
    const [stale2, none] = await bot.say(AGENT, 'Le tramway relève de la Métropole.');
    expect(stale2).toContain('Cette idée a été traitée entre-temps');
    expect(none).toContain("Aucune idée n'attend de relecture.");

    expect(bot.app.store.ideas.list({}).map((i) => [i.status, i.reason])).toEqual([
      ['published', null],
      ['rejected', 'Hors sujet.'],
    ]);
    // Each author was told once, by the first decision.
    expect(bot.channels.telegram.take('2001')).toHaveLength(1);
    expect(bot.channels.console.take('bob')).toEqual([expect.stringContaining('La raison : Hors sujet.')]);
    expect(audit()).toEqual([]);
  });
});

test('an agent sees the participation of an open consultation, counts only, and the audit records it', async () => {
  const { store, conversations } = bot.app;
  const now = bot.clock.now();
  const voter = volunteer('telegram', '3001', 'Véra');
  volunteer('telegram', '3002', 'Vic');
  const read = readConsultationFile(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'consultations', 'example.yaml'), 'utf8'), 'Europe/Paris', 'fr', (k) => k);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const id = store.consultations.create({ ...read.definition, opensAt: now.toISOString(), closesAt: '2026-11-29T17:00:00.000Z' }, now);
  openConsultation(store, conversations, id, now);
  inTransaction(store.db, () => castBallot(store, voter, id, { bus_samedi: { choice: 'yes' }, trajet: { skipped: true }, remarque: { comment: 'Un secret bien gardé' } }, now));
  const agentId = await agent();

  await bot.say(AGENT, 'AGENT');
  const [list] = await bot.say(AGENT, '3');
  expect(list).toContain('1. Se déplacer dans les quartiers : 1 réponse sur 2 personnes invitées (50 %), clôture le dimanche 29 novembre à 18:00');
  expect(audit()).toEqual([]);
  const [detail] = await bot.say(AGENT, '1');
  expect(detail).toContain('« Se déplacer dans les quartiers » : 1 réponse sur 2 personnes invitées (50 %).');
  expect(detail).toContain('1. Faut-il des bus gratuits le samedi ? : 1\n2. Comment allez-vous le plus souvent en c… : 0');
  expect(detail).toContain("5. Une remarque pour l'assemblée ? : 1");
  expect(detail).not.toContain('secret');
  expect(audit()).toMatchObject([{ action: 'participation_viewed', actorId: agentId, subjectId: null, detail: { consultation_id: id } }]);
});

describe('residents cannot reach the agent desk', () => {
  /** Everything that would show a staff action happened. */
  const traces = () => ({
    audit: audit(),
    broadcasts: broadcasts(),
    bulk: bulkRows(),
    ideas: bot.app.store.ideas.list({}).map((i) => i.status),
    state: bot.app.store.conversations.load(contactOf('console', 'rita')),
  });

  test('AGENT, its other words, the menu entry by label, number or button: the ordinary "not understood", and nothing changes', async () => {
    const { store } = bot.app;
    const now = bot.clock.now();
    const call = store.ideas.createCall({ theme: null, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + DAY).toISOString() }, now);
    store.ideas.submit({ callId: call, authorId: volunteer('telegram', '4001', 'Ana'), title: 'Des bancs', body: 'Des bancs partout en ville.', neighbourhood: null }, now);
    await bot.say('rita', 'bonjour');
    const [menu] = await bot.say('rita', '1');
    expect(menu).not.toContain('agent');
    const before = traces();
    // Each word is the first misunderstanding at the main menu, like a random word.
    const ordinary = await bot.say('rita', 'banane');
    expect(ordinary).toEqual([expect.stringContaining("Je n'ai pas compris. Répondez par un numéro de 1 à 7")]);
    for (const attempt of ['AGENT', 'agent', 'Espace agent', 'ESPACE AGENT', 'staff', 'agent desk', 'Espace agent de la ville', '8', '9']) {
      await bot.say('rita', 'menu');
      expect({ attempt, replies: await bot.say('rita', attempt) }).toEqual({ attempt, replies: ordinary });
    }
    // A forged button press of the entry the resident was never shown.
    await bot.say('rita', 'menu');
    expect(await bot.say('rita', '', { choiceId: 'agent' })).toEqual([expect.stringContaining('Ce bouton correspond à une question précédente.')]);
    await bot.say('rita', 'menu');
    expect(traces()).toEqual(before);
    expect(bot.channels.telegram.take('4001')).toEqual([]);
  });

  test('the store applies an agent action only for an agent writing from their own contact point', async () => {
    const { store } = bot.app;
    await bot.say('rita', 'bonjour');
    const agentId = await agent();
    const contact = store.contacts.find('console', 'rita')!;
    const notice = { type: 'send_broadcast', audience: [{ kind: 'all' }], texts: { fr: 'Une annonce glissée.' } } as const;
    const apply = (personId: number, source: EffectSource) => inTransaction(store.db, () => applyEffects(store, personId, source, [notice], bot.clock.now()));
    expect(() => apply(personOf('rita'), { contact: { id: contact.id, channel: 'console', address: 'rita' } })).toThrow(/not an agent/);
    // Acting for someone, a mediator writes from no contact point of that person's.
    expect(() => apply(agentId, { contact: null })).toThrow(/not an agent/);
    expect(broadcasts()).toEqual([]);
    expect(bulkRows()).toEqual([]);
    expect(audit()).toEqual([]);
  });

  test('an agent whose role was revoked loses the desk, even in the middle of it', async () => {
    const agentId = await agent();
    volunteer('telegram', '5001', 'Théo');
    await bot.say(AGENT, 'AGENT');
    await bot.say(AGENT, '1');
    await bot.say(AGENT, '2');
    inTransaction(bot.app.store.db, () => revokeRole(bot.app.store, agentId, 'agent', CLI_ACTOR, bot.clock.now()));
    const [back] = await bot.say(AGENT, 'Une annonce qui ne partira jamais.');
    expect(back).toContain('Cette démarche a changé depuis votre dernier message. Reprenons au début.');
    expect(back).toContain('Que voulez-vous faire ? Répondez par un numéro.\n1. M');
    expect(back).not.toContain('Espace agent');
    const ordinary = await bot.say(AGENT, 'banane');
    expect(ordinary).toEqual([expect.stringContaining("Je n'ai pas compris. Répondez par un numéro de 1 à 7")]);
    for (const attempt of ['AGENT', '8']) {
      await bot.say(AGENT, 'menu');
      expect(await bot.say(AGENT, attempt)).toEqual(ordinary);
    }
    expect(broadcasts()).toEqual([]);
    expect(audit().map((e) => e.action)).toEqual(['role_revoked']);
  });
});
