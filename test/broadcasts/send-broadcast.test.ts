import { parseAudience } from '../../src/broadcasts/audience';
import { planBroadcast, sendBroadcast } from '../../src/broadcasts/send-broadcast';
import type { ChannelKind } from '../../src/domain/channel-kind';
import type { Language } from '../../src/domain/language';
import type { VolunteerProfile } from '../../src/domain/profile';
import { eachTestApp } from '../support/test-app';

const bot = eachTestApp({ PARLONS_QUIET_HOURS: 'off' });

/** A person with contact points (channel, address) and, if a neighbourhood is given, a volunteer profile. */
function person(options: { contacts: [ChannelKind, string][]; neighbourhood?: string; language?: Language; optedOut?: boolean }): number {
  const { store } = bot.app;
  const now = bot.clock.now();
  const id = store.people.create(options.language ?? 'fr', now);
  const contacts = options.contacts.map(([channel, address]) => store.contacts.create(id, channel, address, now));
  if (options.neighbourhood) {
    const profile: VolunteerProfile = { firstName: `P${id}`, neighbourhood: options.neighbourhood, ageBracket: '35_49', gender: 'undisclosed', equipment: 'smartphone', reminders: 'this_contact' };
    store.people.registerVolunteer(id, profile, contacts[0]?.id ?? null, { purpose: 'volunteer_registration', noticeVersion: 'v1', givenAt: now.toISOString(), method: 'chat' }, now);
  }
  if (options.optedOut) store.people.setOptedOut(id, true, now);
  return id;
}

function audience(...specs: string[]) {
  const parsed = parseAudience(specs, bot.app.settings.city);
  if (!Array.isArray(parsed)) throw new Error(parsed.key);
  return parsed;
}

function delivered(): string[] {
  return Object.values(bot.channels).flatMap((channel) => channel.sent.map((s) => `${channel.kind}:${s.address}:${s.message.text}`));
}

describe('broadcasts', () => {
  test('a neighbourhood broadcast reaches exactly its people who have not opted out, each once', async () => {
    person({ contacts: [['telegram', '1']], neighbourhood: 'trois_cites' });
    person({ contacts: [['console', 'b'], ['telegram', '2']], neighbourhood: 'trois_cites' });
    person({ contacts: [['telegram', '3']], neighbourhood: 'trois_cites', language: 'en' });
    person({ contacts: [['telegram', '4']], neighbourhood: 'trois_cites', optedOut: true });
    person({ contacts: [['telegram', '5']], neighbourhood: 'beaulieu' });
    person({ contacts: [['telegram', '6']] });
    const withdrawn = person({ contacts: [['telegram', '7']], neighbourhood: 'trois_cites' });
    bot.app.store.people.withdrawVolunteer(withdrawn, bot.clock.now());

    const filters = audience('neighbourhood:trois_cites');
    expect(planBroadcast(bot.app.store, filters)).toEqual({ total: 3, byChannel: { telegram: 2, console: 1 }, viaMediators: 0 });
    const sent = sendBroadcast(bot.app.store, { audience: filters, texts: { fr: 'Séance demain', en: 'Session tomorrow' }, sendAt: bot.clock.now() }, bot.clock.now());
    expect(sent.recipients).toBe(3);
    await bot.dispatcher.dispatchDue();
    await bot.dispatcher.dispatchDue();
    expect(delivered().sort()).toEqual(['console:b:Séance demain', 'telegram:1:Séance demain', 'telegram:3:Session tomorrow']);
    expect(bot.app.store.broadcasts.progress(sent.id)).toEqual([
      { channel: 'console', status: 'sent', count: 1 },
      { channel: 'telegram', status: 'sent', count: 2 },
    ]);
  });

  test('the contact point chosen is the one for reminders, else the reachable one last written from', () => {
    const { store } = bot.app;
    const id = person({ contacts: [['console', 'old'], ['telegram', '8']] });
    const [consoleContact, telegramContact] = store.contacts.forPerson(id);
    store.contacts.touch(consoleContact!.id, bot.clock.now());
    bot.clock.advance(1_000);
    store.contacts.touch(telegramContact!.id, bot.clock.now());
    expect(store.broadcasts.recipients(audience('all'))).toEqual([expect.objectContaining({ channel: 'telegram' })]);
    store.contacts.markUnreachable(telegramContact!.id, bot.clock.now());
    expect(store.broadcasts.recipients(audience('all'))).toEqual([expect.objectContaining({ channel: 'console' })]);
    store.contacts.markUnreachable(consoleContact!.id, bot.clock.now());
    expect(store.broadcasts.recipients(audience('all'))).toEqual([]);
  });

  test('filters combine: English-speaking volunteers, and roles', () => {
    person({ contacts: [['telegram', '1']], neighbourhood: 'beaulieu', language: 'en' });
    person({ contacts: [['telegram', '2']], neighbourhood: 'beaulieu' });
    person({ contacts: [['telegram', '3']], language: 'en' });
    expect(bot.app.store.broadcasts.recipients(audience('volunteers', 'language:en')).map((r) => r.personId)).toEqual([1]);
    expect(bot.app.store.broadcasts.recipients(audience('role:resident'))).toHaveLength(3);
    expect(bot.app.store.broadcasts.recipients(audience('role:agent'))).toHaveLength(0);
  });

  test('a broadcast for later waits for its time', async () => {
    person({ contacts: [['telegram', '1']] });
    const later = new Date(bot.clock.now().getTime() + 60 * 60_000);
    sendBroadcast(bot.app.store, { audience: audience('all'), texts: { fr: 'Plus tard' }, sendAt: later }, bot.clock.now());
    await bot.dispatcher.dispatchDue();
    expect(delivered()).toEqual([]);
    bot.clock.advance(60 * 60_000);
    await bot.dispatcher.dispatchDue();
    expect(delivered()).toEqual(['telegram:1:Plus tard']);
  });
});
