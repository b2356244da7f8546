import fs from 'node:fs';
import { closeConsultation } from '../../src/consultations/consultation-schedule';
import { eachTestApp } from '../support/test-app';
import { openSampleConsultation } from '../support/sample-consultation';

/**
 * A ballot stays secret after closing: every message that showed its content (the summary, the
 * receipt, an answer read back) loses it, in the database files too; answers not confirmed yet
 * are dropped from conversations; `outbox` says a receipt existed and was removed at closing. A
 * person in the middle of a ballot when it closes is told so at their next message, and goes on.
 */
const bot = eachTestApp();
const openSample = (): number => openSampleConsultation(bot);

/** Every byte of the database and its WAL, as text: what anyone copying the files would read. */
function databaseFiles(): string {
  return ['', '-wal']
    .map((suffix) => `${bot.dbFile}${suffix}`)
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file).toString('utf8'))
    .join('\n');
}

const BALLOT = ['bonjour', '1', 'consultation', '1', '1', '1', '1', '2', '1 3', '1', '3', '7'];

test('at closing, the summary, the receipt and the comment read back are removed from the outbox and the files; outbox says what was there', async () => {
  const id = openSample();
  for (const t of BALLOT) await bot.say('zoe', t);
  // A comment not understood at first is read back: "Mon avis secret" then too long.
  await bot.say('zoe', 'x'.repeat(400));
  await bot.say('zoe', 'Mon avis secret');
  const sent = bot.app.store.outbox.forContact(bot.app.store.contacts.find('console', 'zoe')!.id);
  expect(sent.some((r) => r.sent?.text.includes('« Mon avis secret »'))).toBe(true);
  await bot.say('zoe', '1');
  expect(databaseFiles()).toContain('« Mon avis secret »');

  closeConsultation(bot.app.store, id, bot.clock.now());

  const rows = bot.app.store.outbox.forContact(bot.app.store.contacts.find('console', 'zoe')!.id);
  expect(rows.filter((r) => r.redacted).map((r) => r.redacted)).toEqual(['answer', 'summary', 'receipt']);
  for (const row of rows.filter((r) => r.redacted)) {
    expect(row.message.parts).toEqual([]);
    expect(row.sent).toBeNull();
  }
  expect(JSON.stringify(rows)).not.toContain('secret');
  // Only the ballot itself, anonymous, still holds the comment; no message showing it is left in the files.
  expect(databaseFiles()).not.toContain('« Mon avis secret »');
  expect(bot.app.store.consultations.answers(id)).toEqual([expect.objectContaining({ remarque: { comment: 'Mon avis secret' } })]);
});

test('an unconfirmed ballot is not counted, is dropped from the conversation at closing, and the person is told at their next message', async () => {
  const id = openSample();
  for (const t of BALLOT) await bot.say('marc', t);
  await bot.say('marc', 'Brouillon à ne pas garder');
  const contact = bot.app.store.contacts.find('console', 'marc')!;
  expect(JSON.stringify(bot.app.store.conversations.load(contact.id))).toContain('Brouillon');

  closeConsultation(bot.app.store, id, bot.clock.now());

  expect(bot.app.store.consultations.answers(id)).toEqual([]);
  expect(JSON.stringify(bot.app.store.conversations.load(contact.id))).not.toContain('Brouillon');
  expect(databaseFiles()).not.toContain('Brouillon à ne pas garder');
  const next = (await bot.say('marc', '1')).join('\n');
  expect(next).toContain('la consultation vient de se clore');
  expect(next).toContain('Que voulez-vous faire ?');
  // And every message after that goes on as usual.
  expect((await bot.say('marc', 'menu')).join('\n')).toContain('Que voulez-vous faire ?');
});

test('parlons outbox says a receipt existed and was removed at closing', async () => {
  const id = openSample();
  for (const t of [...BALLOT, '0', '1']) await bot.say('lea', t);
  closeConsultation(bot.app.store, id, bot.clock.now());
  const receipt = bot.app.store.outbox.forContact(bot.app.store.contacts.find('console', 'lea')!.id).find((r) => r.redacted === 'receipt');
  expect(receipt).toMatchObject({ status: 'sent', sent: null });
  expect(bot.app.translator.render({ key: 'cli:outbox.redacted.receipt' }, 'fr')).toMatch(/accusé de réception d'un vote .*effacé à la clôture/);
});
