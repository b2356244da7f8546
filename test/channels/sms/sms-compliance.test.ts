import path from 'node:path';
import { sendBroadcast } from '../../../src/broadcasts/send-broadcast';
import { formatPhoneNumber } from '../../../src/lib/phone-number';
import { FakeClock } from '../../support/fake-clock';
import { startTestApp, tempDir } from '../../support/test-app';

/**
 * SMS courtesy rules, with the default settings: notices go only between 08:00 and 21:30 (French
 * operators' rule for bulk SMS), and no resident ever sees another's number.
 */
const CAMILLE = '+33612345678';
const DOMINIQUE = '+33698765432';

test('with default settings, a notice by SMS queued at 21:45 waits until 08:00; replies do not wait', async () => {
  const dir = tempDir();
  // 21:45 in Poitiers (winter time, UTC+1).
  const bot = startTestApp(path.join(dir.dir, 'parlons.db'), {}, new FakeClock('2026-01-15T20:45:00.000Z'));
  try {
    expect(await bot.say(CAMILLE, 'bonjour', { channel: 'sms' })).toEqual([expect.stringContaining('1. Français')]);
    sendBroadcast(bot.app.store, { audience: [], texts: { fr: 'La séance de samedi est déplacée au dimanche.' }, sendAt: bot.clock.now() }, bot.clock.now());
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.sms.take(CAMILLE)).toEqual([]);
    // A reply is never held.
    expect(await bot.say(CAMILLE, '1', { channel: 'sms' })).toEqual(expect.arrayContaining([expect.stringContaining('Que voulez-vous faire')]));
    bot.clock.advance(10 * 60 * 60_000 - 60_000); // 07:44
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.sms.take(CAMILLE)).toEqual([]);
    bot.clock.advance(16 * 60_000); // 08:00
    await bot.dispatcher.dispatchDue();
    expect(bot.channels.sms.take(CAMILLE)).toEqual(['La séance de samedi est déplacée au dimanche.']);
  } finally {
    bot.close();
    dir.cleanup();
  }
});

test("a resident's number never appears in what another resident is sent", async () => {
  const dir = tempDir();
  const bot = startTestApp(path.join(dir.dir, 'parlons.db'));
  try {
    const script = ['bonjour', '1', '1', '1', 'Camille', '13', '2', '1', '3', '1', '1', 'MES DONNÉES', 'SÉANCES', 'AIDE'];
    const seen = new Map<string, string[]>();
    for (const address of [CAMILLE, DOMINIQUE]) {
      const texts: string[] = [];
      for (const typed of script) texts.push(...(await bot.say(address, typed, { channel: 'sms' })));
      seen.set(address, texts);
    }
    sendBroadcast(bot.app.store, { audience: [], texts: { fr: 'Merci à tous les volontaires !' }, sendAt: bot.clock.now() }, bot.clock.now());
    await bot.dispatcher.dispatchDue();
    for (const sent of bot.channels.sms.sent) seen.get(sent.address)?.push(sent.message.text);

    const forms = (number: string) => [number, number.slice(3), `0${number.slice(3)}`, formatPhoneNumber(number), formatPhoneNumber(number).replace(/^\+33 /, '0')];
    for (const [reader, other] of [[CAMILLE, DOMINIQUE], [DOMINIQUE, CAMILLE]] as const) {
      const all = (seen.get(reader) ?? []).join('\n');
      // Each one is shown their own number (MES DONNÉES), never the other's, in any form.
      expect(all).toContain(formatPhoneNumber(reader));
      for (const form of forms(other)) expect({ reader, form, shown: all.includes(form) }).toEqual({ reader, form, shown: false });
    }
  } finally {
    bot.close();
    dir.cleanup();
  }
});
