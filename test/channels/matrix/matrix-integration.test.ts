import fs from 'node:fs';
import path from 'node:path';
import { readConsultationFile } from '../../../src/consultations/consultation-file';
import { openConsultation } from '../../../src/consultations/consultation-schedule';
import { tallyConsultation } from '../../../src/results/tally';
import { listVolunteers } from '../../../src/volunteers/list-volunteers';
import { tempDir } from '../../support/test-app';
import { until } from '../../support/until';
import { bodies, MatrixHarness } from './matrix-harness';

/**
 * Parlons against a fake homeserver that follows the Client-Server API, on 127.0.0.1: real HTTP,
 * real matrix-bot-sdk client, real SQLite file. Each test starts its own server and bot.
 */
jest.setTimeout(30_000);

let dir: { dir: string; cleanup: () => void };
let mx: MatrixHarness;

beforeEach(async () => {
  dir = tempDir();
  mx = await MatrixHarness.create(dir.dir);
  await mx.startBot();
});
afterEach(async () => {
  await mx.close();
  dir.cleanup();
});

function volunteers() {
  return listVolunteers(mx.app!.store, mx.app!.settings.city);
}

const REGISTRATION = ['Bonjour', '1', '1', 'oui', 'Camille', 'trois cités', '25 à 34', 'femme', 'smartphone', 'ici'];

describe('Matrix', () => {
  test('a full registration in a direct chat, with numbered menus in m.text messages that have an HTML part', async () => {
    const camille = mx.user('camille');
    await camille.openDirectChat();
    const first = await camille.say('Bonjour');
    expect(bodies(first)).toContain('Quelle langue préférez-vous ?');
    expect(bodies(first)).toContain('1. Français\n2. English');
    expect(first[0]?.content).toEqual({
      msgtype: 'm.text',
      body: expect.stringContaining('1. Français'),
      format: 'org.matrix.custom.html',
      formatted_body: expect.stringContaining('1. Français<br>2. English'),
    });
    for (const answer of REGISTRATION.slice(1, -1)) await camille.say(answer);
    expect(bodies(await camille.say('ici'))).toContain('Rappels : ici (Matrix)');
    expect(bodies(await camille.say('oui'))).toContain('vous êtes inscrit·e comme volontaire');

    expect(volunteers()).toEqual([
      expect.objectContaining({ first_name: 'Camille', neighbourhood: 'trois_cites', age_bracket: '25_34', contact_points: [{ channel: 'matrix', address: '@camille:fake.test' }] }),
    ]);
    // The direct chat is recorded in the bot account's m.direct too.
    expect(mx.server.accountDataOf(mx.server.botUserId, 'm.direct')).toEqual({ '@camille:fake.test': [camille.roomId] });
  });

  test('a volunteer invited to a consultation answers it with numbered menus, and the ballot counts', async () => {
    const camille = mx.user('camille');
    await camille.openDirectChat();
    for (const answer of REGISTRATION) await camille.say(answer);
    await camille.say('oui');
    const { store, conversations } = mx.app!;
    const now = new Date();
    const file = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'data', 'consultations', 'example.yaml'), 'utf8');
    const read = readConsultationFile(file, 'Europe/Paris', 'fr', (key) => key);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const id = store.consultations.create({ ...read.definition, audience: 'volunteers', opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 86_400_000).toISOString() }, now);
    const before = camille.botMessages().length;
    expect(openConsultation(store, conversations, id, now)).toBe(1);
    await until('the invitation', () => bodies(camille.botMessages().slice(before)).includes('Nouvelle consultation'));
    for (const answer of ['1', '1', '2', '1 3', '1', '3', '7', '0']) await camille.say(answer);
    expect(bodies(await camille.say('1'))).toContain('Vos réponses à « Se déplacer dans les quartiers » sont enregistrées');
    const results = tallyConsultation(store.consultations.find(id)!, store.consultations.answers(id));
    expect(results.ballots).toBe(1);
    expect(results.questions.find((q) => q.question.id === 'propositions')).toMatchObject({ kind: 'majority_judgment', ranking: [{ id: 'navette', majorityGrade: 0 }, { id: 'zone30', majorityGrade: 2 }, { id: 'parking', majorityGrade: 6 }] });
  });

  test('what people type is escaped in the HTML part and kept as typed in the plain body', async () => {
    const sam = mx.user('sam');
    await sam.openDirectChat();
    for (const answer of ['Bonjour', '1', '1', 'oui']) await sam.say(answer);
    await sam.say('<b>Sam</b> & "Co"');
    for (const answer of ['trois cités', '25 à 34', 'femme', 'smartphone']) await sam.say(answer);
    const summary = (await sam.say('ici')).find((m) => String(m.content.body).includes('Prénom'));
    expect(summary?.content.body).toContain('Prénom : <b>Sam</b> & "Co"');
    expect(summary?.content.formatted_body).toContain('Prénom : &lt;b&gt;Sam&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(summary?.content.formatted_body).not.toContain('<b>');
  });

  test('a restart in the middle replays nothing and misses nothing written while the bot was down', async () => {
    const camille = mx.user('camille');
    await camille.openDirectChat();
    for (const answer of REGISTRATION.slice(0, 5)) await camille.say(answer);
    const sentBefore = camille.botMessages().length;
    await mx.stopBot();
    // Written while the bot is stopped: it must be answered after the restart, once.
    const whileDown = mx.server.say(camille.roomId, camille.userId, 'trois cités');
    await mx.startBot();
    await until('the message written while down', () => mx.count(`SELECT count(*) FROM inbound_message WHERE external_id = '${whileDown}'`) === 1);
    await mx.settled();
    expect(bodies(camille.botMessages().slice(sentBefore))).toBe(
      "Quel âge avez-vous ? Écrivez votre âge, ou le numéro de votre tranche d'âge.\n1. 16 à 24 ans\n2. 25 à 34 ans\n3. 35 à 49 ans\n4. 50 à 64 ans\n5. 65 à 79 ans\n6. 80 ans ou plus",
    );
    for (const answer of REGISTRATION.slice(6)) await camille.say(answer);
    expect(bodies(await camille.say('oui'))).toContain('vous êtes inscrit·e comme volontaire');
    // Every message of the person was handled exactly once.
    expect(mx.count("SELECT count(*) FROM inbound_message WHERE channel = 'matrix'")).toBe(REGISTRATION.length + 1);
    expect(volunteers()).toEqual([expect.objectContaining({ first_name: 'Camille', neighbourhood: 'trois_cites' })]);
  });

  test('with encryption off, invited to an encrypted room, the bot declines and explains why in a new unencrypted direct chat', async () => {
    await mx.stopBot();
    await mx.startBot({ MATRIX_E2EE: 'off' });
    const server = mx.server;
    const alex = '@alex:fake.test';
    const encrypted = server.createRoom(alex, { invite: [server.botUserId], isDirect: true, encrypted: true });
    const direct = await until('a direct chat from the bot', () => server.roomsOf(alex).find((id) => id !== encrypted));
    await until('the explanation', () => server.messages(direct).length > 0);
    expect(server.membership(encrypted, server.botUserId)).toBe('leave');
    expect(server.isEncrypted(direct)).toBe(false);
    expect(server.membership(direct, alex)).toBe('invite');
    expect(String(server.messages(direct)[0]?.content.body)).toContain('Je ne sais pas lire les salons chiffrés de bout en bout');
    expect(server.messages(encrypted)).toEqual([]);
    // The person joins the new chat and talks there.
    server.join(direct, alex);
    const alexUser = mx.user('alex');
    alexUser.roomId = direct;
    expect(bodies(await alexUser.say('Bonjour'))).toContain('Quelle langue préférez-vous ?');
  });

  test('invited to a room with more people, the bot says once that it talks in direct chats, and leaves', async () => {
    const server = mx.server;
    const group = server.createRoom('@lea:fake.test', { invite: ['@noe:fake.test', server.botUserId], name: 'Comité de quartier' });
    server.join(group, '@noe:fake.test');
    await until('the bot to leave', () => server.membership(group, server.botUserId) === 'leave');
    expect(server.messages(group).map((m) => m.content.body)).toEqual([
      "Bonjour ! Je suis l'assistant de participation de la Ville. Je parle seulement en message privé, pour protéger vos données : écrivez-moi directement.",
    ]);
    expect(mx.count('SELECT count(*) FROM person')).toBe(0);
    // Invited again: it leaves without repeating itself.
    server.invite(group, '@lea:fake.test', server.botUserId);
    await until('the bot to join and leave again', () => server.membershipHistory(group, server.botUserId).length === 6);
    expect(server.membershipHistory(group, server.botUserId)).toEqual(['invite', 'join', 'leave', 'invite', 'join', 'leave']);
    expect(server.messages(group)).toHaveLength(1);
  });

  test('a send whose answer was lost is retried under the same transaction id and appears once', async () => {
    const camille = mx.user('camille');
    await camille.openDirectChat();
    mx.server.loseNextResponse('PUT', /\/send\/m\.room\.message\//);
    mx.server.say(camille.roomId, camille.userId, 'Bonjour');
    await until('the first attempt to fail', () => mx.count("SELECT count(*) FROM outbox WHERE status = 'queued' AND attempts = 1") === 1);
    mx.retryNow();
    await mx.delivered();
    expect(camille.botMessages()).toHaveLength(1);
    const attempts = mx.server.sendRequests.filter((r) => r.roomId === camille.roomId);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.txnId).toBe(attempts[1]?.txnId);
    expect(mx.count("SELECT count(*) FROM outbox WHERE status = 'sent' AND attempts = 2")).toBe(1);
  });

  test('429 M_LIMIT_EXCEEDED: the message waits retry_after_ms, then goes, once', async () => {
    const camille = mx.user('camille');
    await camille.openDirectChat();
    mx.server.failNext('PUT', /\/send\//, { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 90_000 } });
    const asked = Date.now();
    mx.server.say(camille.roomId, camille.userId, 'Bonjour');
    await until('the first attempt to fail', () => mx.count("SELECT count(*) FROM outbox WHERE status = 'queued' AND attempts = 1") === 1);
    const waiting = mx.app!.store.db.prepare<[], { error: string; not_before: string }>('SELECT error, not_before FROM outbox').get();
    expect(waiting?.error).toBe('matrix_429 M_LIMIT_EXCEEDED');
    // The homeserver's 90 s, not the 2 s of the usual backoff.
    expect(Date.parse(waiting!.not_before) - asked).toBeGreaterThanOrEqual(90_000);
    mx.retryNow();
    await mx.delivered();
    expect(bodies(camille.botMessages())).toContain('Quelle langue préférez-vous ?');
    expect(camille.botMessages()).toHaveLength(1);
  });

  test('429 with only a Retry-After header: the message waits that long', async () => {
    const camille = mx.user('camille');
    await camille.openDirectChat();
    mx.server.failNext('PUT', /\/send\//, { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests' }, headers: { 'Retry-After': '120' } });
    const asked = Date.now();
    mx.server.say(camille.roomId, camille.userId, 'Bonjour');
    await until('the first attempt to fail', () => mx.count("SELECT count(*) FROM outbox WHERE status = 'queued' AND attempts = 1") === 1);
    const notBefore = mx.app!.store.db.prepare('SELECT not_before FROM outbox').pluck().get() as string;
    expect(Date.parse(notBefore) - asked).toBeGreaterThanOrEqual(120_000);
  });

  test('notices, edits and the bot’s own messages are ignored; an image gets a kind answer', async () => {
    const camille = mx.user('camille');
    await camille.openDirectChat();
    await camille.say('Bonjour');
    mx.server.say(camille.roomId, camille.userId, 'Je suis un autre bot', 'm.notice');
    const first = mx.server.say(camille.roomId, camille.userId, 'Bonjuor');
    mx.server.say(camille.roomId, camille.userId, '* Bonjour', 'm.text', { 'm.new_content': { msgtype: 'm.text', body: 'Bonjour' }, 'm.relates_to': { rel_type: 'm.replace', event_id: first } });
    const image = await camille.say('photo.jpg', 'm.image');
    expect(bodies(image)).toContain('aucun texte');
    // Bonjour, Bonjuor and the image: not the notice, not the edit.
    expect(mx.count("SELECT count(*) FROM inbound_message WHERE channel = 'matrix'")).toBe(3);
    expect(bodies(camille.botMessages())).not.toContain('autre bot');
  });

  test('a person who leaves the direct chat is unreachable there; the bot leaves too', async () => {
    const camille = mx.user('camille');
    await camille.openDirectChat();
    await camille.say('Bonjour');
    mx.server.leave(camille.roomId, camille.userId);
    await until('the bot to leave', () => mx.server.membership(camille.roomId, mx.server.botUserId) === 'leave');
    expect(mx.app!.store.matrix.directRoom(camille.userId)).toEqual({ roomId: camille.roomId, left: true });
  });
});
