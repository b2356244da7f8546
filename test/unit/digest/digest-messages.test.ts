import { CHANNEL_CAPABILITIES } from '../../../src/channels/capabilities';
import { smsText } from '../../../src/channels/sms/sms-channel';
import { loadCity } from '../../../src/config/city';
import { digestMessages, SMS_PEOPLE_PER_MESSAGE } from '../../../src/digest/digest-messages';
import { digestSections } from '../../../src/digest/digest-sections';
import { IDEA_TITLE_MAX } from '../../../src/domain/idea';
import type { Language } from '../../../src/domain/language';
import type { VolunteerProfile } from '../../../src/domain/profile';
import { loadTranslator } from '../../../src/i18n/translator';
import { smsCost } from '../../../src/lib/sms/sms-segments';
import { renderMessage } from '../../../src/rendering/render-message';
import { openTempStore, T0, type TempStore } from '../store/temp-store';

/**
 * A digest as mediators read it, built from a real store: by SMS, every message fits 3 segments
 * however many people a paragraph names (long first names, the longest neighbourhood label, the
 * longest titles); elsewhere, one message with everything.
 */
const city = loadCity('poitiers');
const DAY = 86_400_000;
const LONG_TITLE = "Séance 8 : l'avenir des transports, des mobilités douces et des quartiers";

let t: TempStore;
let mediator: number;
let people: number[];

function volunteer(firstName: string): number {
  const id = t.store.people.create('fr', T0);
  const profile: VolunteerProfile = { firstName, neighbourhood: 'other', ageBracket: '80_plus', gender: 'undisclosed', equipment: 'none', reminders: 'this_contact' };
  t.store.people.registerVolunteer(id, profile, null, { purpose: 'volunteer_registration', noticeVersion: '1', givenAt: T0.toISOString(), method: 'paper', reference: 'F-1' }, T0);
  t.store.mediation.addSupport(mediator, id, 'registered', T0);
  return id;
}

/** Everything a digest can tell, about seven people with long names. */
function fillDigest(): void {
  const { store } = t;
  const starts = new Date(T0.getTime() + DAY);
  const session = store.sessions.create(
    { title: { fr: LONG_TITLE, en: LONG_TITLE }, description: null, place: 'Salle', startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 7_200_000).toISOString(), reminderOffsets: null },
    T0,
  );
  people.forEach((id, i) => {
    const answer = (['yes', 'maybe', 'no', null] as const)[i % 4];
    if (answer) store.sessions.answer(session, id, answer, T0);
  });
  store.digest.queue('session_reminder', session, people, T0);
  const cancelled = store.sessions.create(
    { title: { fr: LONG_TITLE }, description: null, place: 'Salle', startsAt: starts.toISOString(), endsAt: new Date(starts.getTime() + 7_200_000).toISOString(), reminderOffsets: null },
    T0,
  );
  store.sessions.cancel(cancelled, T0);
  store.digest.queue('session_cancelled', cancelled, people, T0);
  const consultation = store.consultations.create(
    {
      title: { fr: LONG_TITLE, en: LONG_TITLE },
      description: null,
      opensAt: T0.toISOString(),
      closesAt: new Date(T0.getTime() + 10 * DAY).toISOString(),
      audience: 'volunteers',
      questions: [{ id: 'q', type: 'yes_no', text: { fr: 'Oui ?' }, optional: false }],
    },
    T0,
  );
  store.consultations.markOpened(consultation, T0);
  store.digest.queue('consultation_opened', consultation, people, T0);
  const notice = store.broadcasts.create({ audience: [{ kind: 'volunteers' }], texts: { fr: 'La séance de samedi commence à 9 h 30 et non 10 h : accueil café dès 9 h.' }, sendAt: T0.toISOString(), recipients: 0 }, T0);
  store.digest.queue('notice', notice, people, T0);
  const call = store.ideas.createCall({ theme: null, opensAt: T0.toISOString(), closesAt: new Date(T0.getTime() + DAY).toISOString() }, T0);
  const title = 'Des pistes cyclables sûres et éclairées entre tous les quartiers de la ville'.slice(0, IDEA_TITLE_MAX);
  const idea = store.ideas.submit({ callId: call, authorId: people[0]!, title, body: 'Des pistes séparées des voitures.', neighbourhood: null }, T0);
  store.ideas.decide(idea, 'rejected', 'Cette idée relève de la Métropole et non de la Ville ; nous la lui transmettons.', T0);
  store.digest.queue('idea_decision', idea, [people[0]!], T0);
}

function render(language: Language, channel: 'sms' | 'telegram'): string[] {
  const translator = loadTranslator('fr', city.timeZone);
  const ctx = { store: t.store, city, language, defaultLanguage: 'fr' as const, now: T0 };
  const sections = digestSections(ctx, mediator, t.store.digest.pending(mediator, T0));
  return digestMessages(sections, channel).map((message) => renderMessage(message, language, translator, CHANNEL_CAPABILITIES[channel]).text);
}

beforeEach(() => {
  t = openTempStore();
  mediator = t.store.people.create('fr', T0);
  t.store.people.grantRole(mediator, 'mediator', T0, 'Centre social');
  people = ['Marie-Bernadette', 'Jean-Christophe', 'Marie-Thérèse', 'Anne-Catherine', 'Marie-Antoinette', 'Pierre-Emmanuel', 'Jean-Baptiste'].map(volunteer);
});

afterEach(() => {
  t.close();
});

test.each(['fr', 'en'] as const)('by SMS (%s), every message of the fullest digest fits 3 segments, and every person is named', (language) => {
  fillDigest();
  const texts = render(language, 'sms');
  const costs = texts.map((sent) => smsCost(smsText({ text: sent }, true)));
  expect(costs.filter((c) => c.segments > 3 || c.encoding !== 'gsm7')).toEqual([]);
  // Session, cancellation, consultation, notice: 7 people, at most 3 a message; the idea: 1.
  expect(texts).toHaveLength(4 * Math.ceil(7 / SMS_PEOPLE_PER_MESSAGE) + 1);
  const all = texts.join('\n');
  for (const name of ['Marie-Bernadette', 'Jean-Christophe', 'Marie-Thérèse', 'Anne-Catherine', 'Marie-Antoinette', 'Pierre-Emmanuel', 'Jean-Baptiste']) {
    expect(all.split(name).length - 1).toBe(name === 'Marie-Bernadette' ? 5 : 4);
  }
  expect(texts[0]).toMatch(language === 'fr' ? /^Bilan du jour/ : /^Today's digest/);
  expect(texts.at(-1)).toMatch(language === 'fr' ? /RELAIS, puis choisissez-la\.$/ : /MEDIATION, then choose them\.$/);
});

test('elsewhere, one message: heading, sessions by date, then consultation, notice, idea, and how to act', () => {
  fillDigest();
  const [message, ...more] = render('fr', 'telegram');
  expect(more).toEqual([]);
  expect(message?.split('\n\n')).toEqual([
    'Bilan du jour pour les personnes que vous accompagnez :',
    `Séance « ${LONG_TITLE} », mercredi 11 mars à 10:00 :\n` +
      'Marie-Bernadette (Autre quartier, ou je ne sais pas) et Marie-Antoinette (Autre quartier, ou je ne sais pas) ont dit oui.\n' +
      'Jean-Christophe (Autre quartier, ou je ne sais pas) et Pierre-Emmanuel (Autre quartier, ou je ne sais pas) ont dit peut-être.\n' +
      'Marie-Thérèse (Autre quartier, ou je ne sais pas) et Jean-Baptiste (Autre quartier, ou je ne sais pas) ont dit non.\n' +
      "Anne-Catherine (Autre quartier, ou je ne sais pas) n'a pas encore répondu.",
    expect.stringMatching(/^La séance « .+ » du mercredi 11 mars à 10:00 est annulée : Marie-Bernadette .+ et Jean-Baptiste \(.+\) avaient prévu de venir\.$/),
    expect.stringMatching(/^Consultation « .+ », ouverte jusqu'au vendredi 20 mars à 10:00 : Marie-Bernadette .+ peuvent y répondre\.$/),
    expect.stringMatching(/^Annonce pour Marie-Bernadette .+ : « La séance de samedi commence à 9 h 30 et non 10 h : accueil café dès 9 h\. »$/),
    'Idée « Des pistes cyclables sûres et éclairées entre tous les quartiers de la ville » de Marie-Bernadette (Autre quartier, ou je ne sais pas) : pas retenue. La raison : Cette idée relève de la Métropole et non de la Ville ; nous la lui transmettons.',
    "Pour agir pour l'une de ces personnes : écrivez RELAIS, puis choisissez-la.",
  ]);
});

test('what is no longer news is left out: a started session, a closed consultation, people who already answered it', () => {
  fillDigest();
  const later = new Date(T0.getTime() + DAY + 60_000);
  const [consultation] = t.store.consultations.list();
  t.store.consultations.cast(consultation!.id, people[0]!, { q: { choice: 'yes' } }, T0);
  const ctx = { store: t.store, city, language: 'fr' as const, defaultLanguage: 'fr' as const, now: T0 };
  const consultationText = (now: Date) =>
    digestSections({ ...ctx, now }, mediator, t.store.digest.pending(mediator, now))
      .map((s) => s.text(s.people))
      .filter((text) => 'key' in text && text.key === 'digest:consultation');
  expect(consultationText(T0)).toEqual([expect.objectContaining({ params: expect.objectContaining({ count: 6 }) })]);
  const sectionKeys = digestSections({ ...ctx, now: later }, mediator, t.store.digest.pending(mediator, later)).map((s) => {
    const text = s.text(s.people);
    return 'key' in text ? text.key : '';
  });
  // The sessions have started; the consultation is still open, the notice and the idea stay news.
  expect(sectionKeys).toEqual(['digest:consultation', 'digest:notice', 'digest:idea.rejected']);
  t.store.consultations.close(consultation!.id, later);
  expect(consultationText(later)).toEqual([]);
  expect(digestMessages([], 'telegram')).toEqual([]);
});
