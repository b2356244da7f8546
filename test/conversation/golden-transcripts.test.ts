import fs from 'node:fs';
import path from 'node:path';
import { addSession } from '../../src/sessions/manage-sessions';
import { startTestApp, tempDir, type TestApp } from '../support/test-app';

/**
 * Golden conversations: each scenario is a script of messages; the whole transcript (what the
 * person wrote, what the bot answered) must equal the file in `golden/`. Run with
 * UPDATE_GOLDEN=1 to rewrite the files, then read the diff before committing it.
 */

interface Scenario {
  readonly name: string;
  readonly address?: string;
  readonly channel?: 'console' | 'sms';
  readonly messages: readonly string[];
  /** Prepares the database (sessions planned by agents). */
  readonly setup?: (bot: TestApp) => void;
}

/** Two sessions planned by an agent, the first with a description and an English title. */
function plannedSessions(bot: TestApp): void {
  const now = bot.clock.now();
  addSession(
    bot.app.store,
    {
      title: { fr: 'Séance 2 : choisir les questions', en: 'Session 2: choosing the questions' },
      description: { fr: 'Apportez vos idées ; café offert.' },
      place: 'Salle des fêtes des Trois-Cités',
      startsAt: '2026-11-28T09:00:00.000Z',
      endsAt: '2026-11-28T12:00:00.000Z',
      reminderOffsets: null,
    },
    [],
    now,
  );
  addSession(
    bot.app.store,
    { title: { fr: 'Séance 3 : délibérer' }, description: null, place: 'Hôtel de Ville', startsAt: '2026-12-12T09:00:00.000Z', endsAt: '2026-12-12T12:00:00.000Z', reminderOffsets: null },
    [],
    now,
  );
}

const REGISTER_FR = ['bonjour', '1', '1', '1', 'Camille', '3 cites', '2', 'femme', 'smartfone', '1'];
const REGISTER_EN = ['hello', '2', 'register', 'yes', 'Sam', 'couronerie', '3', 'a man', '2', 'here'];

const scenarios: readonly Scenario[] = [
  { name: 'fr-registration', messages: [...REGISTER_FR, "c'est bon", '1'] },
  { name: 'en-registration', messages: [...REGISTER_EN, 'yes'] },
  { name: 'fr-registration-corrections', messages: [...REGISTER_FR, 'non', 'quartier', 'Saint Eloi', 'corriger', '6', 'par sms', '06 12 34 56 78', '1'] },
  { name: 'fr-registration-refused', messages: ['salut', '1', '1', '2', 'je refuse'] },
  { name: 'en-registration-misunderstandings', messages: ['hi', 'english', '1', '1', '', '😀😀', '12345', 'Banana', 'blue', 'purple', 'pink', 'yellow', '1'] },
  { name: 'fr-profile', messages: [...REGISTER_FR, 'oui', 'mon profil', '1', '2', 'beaulieu', '2', '3', 'non', '2', 'oui'] },
  { name: 'en-profile', messages: [...REGISTER_EN, 'yes', 'profile', 'change', 'first name', 'Samuel', 'stop being a volunteer', 'yes'] },
  { name: 'fr-language-mid-registration', messages: ['bonjour', '1', '1', '1', 'Camille', 'LANGUE', 'english', 'Trois Cites'] },
  { name: 'en-language-from-menu', messages: ['hello', '2', 'change language', 'francais'] },
  { name: 'fr-keywords', messages: ['bonjour', '1', '1', 'AIDE', 'annuler', 'Mes Données', 'menu', 'ARRÊT', 'allo ?', 'stop', 'reprendre'] },
  { name: 'en-keywords', messages: ['hello', '2', 'HELP', '1', 'cancel', 'my data', 'STOP', 'anyone?', 'resume'] },
  { name: 'fr-erase', messages: [...REGISTER_FR, 'oui', 'EFFACER', 'non', 'effacer', 'oui, tout effacer'] },
  { name: 'en-erase-from-privacy-menu', messages: [...REGISTER_EN, 'yes', 'my personal data', 'see my data', 'privacy', 'erase all my data', 'yes'] },
  { name: 'fr-sessions', setup: plannedSessions, messages: ['bonjour', '1', 'SÉANCES', '1', 'oui', 'seances', '2', 'retour', '2', 'peut etre', '2', '3', 'non', 'séances', '3'] },
  { name: 'en-sessions', setup: plannedSessions, messages: ['hello', '2', 'upcoming sessions', 'session 2', 'no', 'SESSIONS', 'back'] },
  { name: 'en-no-sessions', messages: ['hello', '2', 'sessions'] },
  { name: 'fr-sms-registration', channel: 'sms', address: '+33612345678', messages: ['BONJOUR', '1', '1', '1', 'Mme Dupont', '13', '6', '1', '3', 'par sms', '1'] },
];

function transcript(bot: TestApp, scenario: Scenario): Promise<string> {
  const address = scenario.address ?? 'camille';
  const channel = scenario.channel ?? 'console';
  return scenario.messages.reduce(async (previous, message) => {
    const lines = await previous;
    // A minute between messages, as a person types: times in the transcript stay readable.
    bot.clock.advance(60_000);
    const replies = await bot.say(address, message, { channel });
    return `${lines}> ${message}\n${replies.map((reply) => `${reply.replace(/^/gm, '< ')}\n`).join('<\n')}\n`;
  }, Promise.resolve(''));
}

describe('golden conversations', () => {
  let dir: { dir: string; cleanup: () => void };
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  test.each(scenarios.map((s) => [s.name, s] as const))('%s', async (name, scenario) => {
    const bot = startTestApp(path.join(dir.dir, 'parlons.db'));
    scenario.setup?.(bot);
    try {
      const actual = await transcript(bot, scenario);
      const file = path.join(__dirname, 'golden', `${name}.txt`);
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
      expect(actual).toBe(fs.readFileSync(file, 'utf8'));
    } finally {
      bot.close();
    }
  });
});
