import { openConsultation } from '../../../src/consultations/consultation-schedule';
import type { ConsultationDefinition } from '../../../src/domain/consultation';
import { SUBMIT_TICKED } from '../../../src/domain/outgoing-message';
import { tempDir } from '../../support/test-app';
import { TelegramHarness } from './telegram-harness';

/**
 * A several-choices question on Telegram: a button per option, ticked and unticked in place by
 * each press (the question is edited through the outbox, not sent again), then "Valider"; typing
 * the numbers still works. Real fake Bot API on 127.0.0.1, real SQLite file.
 */
jest.setTimeout(30_000);

let dir: { dir: string; cleanup: () => void };
let tg: TelegramHarness;

beforeEach(async () => {
  dir = tempDir();
  tg = await TelegramHarness.create(dir.dir);
  // No pacing: each press edits the question, and the test presses quickly.
  await tg.startBot({ TELEGRAM_CHAT_RATE_LIMIT: '0' });
});
afterEach(async () => {
  await tg.close();
  dir.cleanup();
});

const HOUR = 3_600_000;
const priorities: ConsultationDefinition = {
  title: { fr: 'Priorités', en: 'Priorities' },
  description: null,
  opensAt: new Date(Date.now() - HOUR).toISOString(),
  closesAt: new Date(Date.now() + 24 * HOUR).toISOString(),
  audience: 'registered',
  questions: [
    {
      id: 'priorites',
      type: 'several_choices',
      text: { fr: 'Vos deux priorités ?', en: 'Your two priorities?' },
      optional: false,
      max: 2,
      options: [
        { id: 'nuit', label: { fr: 'Bus de nuit', en: 'Night buses' } },
        { id: 'pistes', label: { fr: 'Pistes cyclables', en: 'Cycle lanes' } },
        { id: 'trottoirs', label: { fr: 'Trottoirs accessibles', en: 'Accessible pavements' } },
      ],
    },
  ],
};

/** The consultation is open; a person who chose French writes CONSULTATION, opens it, accepts the notice and starts answering. */
async function atTheQuestion(userId: number) {
  const app = tg.app!;
  const id = app.store.consultations.create(priorities, new Date());
  openConsultation(app.store, app.conversations, id, new Date());
  const user = tg.user(userId);
  await user.say('/start');
  await user.press('fr');
  await user.say('consultation');
  await user.press(String(id));
  await user.press('accept');
  const question = await user.press('answer');
  return { user, id, question };
}

test('each press ticks or unticks an option in place; "Valider" sends the ticked ones', async () => {
  const { user, id, question } = await atTheQuestion(6001);
  const asked = question.at(-1)!;
  expect(asked.text).toContain('Vos deux priorités ?');
  expect(asked.text).toContain('Touchez vos choix');
  expect(asked.buttons).toEqual([
    { id: 'nuit', label: '⬜ Bus de nuit' },
    { id: 'pistes', label: '⬜ Pistes cyclables' },
    { id: 'trottoirs', label: '⬜ Trottoirs accessibles' },
    { id: SUBMIT_TICKED, label: 'Valider' },
  ]);

  // A press edits the question: no new message, the tick shows on the button pressed.
  expect(await user.press('nuit', asked)).toEqual([]);
  const shown = () => tg.botMessages(6001).find((m) => m.messageId === asked.messageId)!;
  expect(shown().buttons.map((b) => b.label)).toEqual(['☑️ Bus de nuit', '⬜ Pistes cyclables', '⬜ Trottoirs accessibles', 'Valider']);
  await user.press('trottoirs', shown());
  await user.press('nuit', shown());
  await user.press('pistes', shown());
  expect(shown().buttons.map((b) => b.label)).toEqual(['⬜ Bus de nuit', '☑️ Pistes cyclables', '☑️ Trottoirs accessibles', 'Valider']);

  const summary = await user.press(SUBMIT_TICKED, shown());
  expect(summary.map((m) => m.text).join('\n')).toContain('Pistes cyclables et Trottoirs accessibles');
  await user.press('confirm');
  const [ballot] = tg.app!.store.consultations.answers(id);
  expect(ballot).toEqual({ priorites: { choices: ['pistes', 'trottoirs'] } });
  // Each press went through the outbox as an edit, and was sent.
  const edits = tg.app!.store.outbox.recent(100).filter((r) => r.message.replaces?.messageId === String(asked.messageId));
  expect(edits.length).toBeGreaterThanOrEqual(4);
  expect(edits.every((r) => r.status === 'sent')).toBe(true);
});

test('more ticked than allowed is refused kindly, and typing the numbers still works', async () => {
  const { user, id, question } = await atTheQuestion(6002);
  const asked = question.at(-1)!;
  const shown = () => tg.botMessages(6002).find((m) => m.messageId === asked.messageId)!;
  for (const option of ['nuit', 'pistes', 'trottoirs']) await user.press(option, shown());
  const refused = await user.press(SUBMIT_TICKED, shown());
  expect(refused.map((m) => m.text).join('\n')).toContain('2 au plus');
  const typed = await user.say('1 2');
  expect(typed.map((m) => m.text).join('\n')).toContain('Bus de nuit et Pistes cyclables');
  await user.press('confirm');
  expect(tg.app!.store.consultations.answers(id)).toEqual([{ priorites: { choices: ['nuit', 'pistes'] } }]);
});
