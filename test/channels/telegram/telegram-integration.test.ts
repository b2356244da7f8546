import { collectStats } from '../../../src/reporting/collect-stats';
import { listVolunteers } from '../../../src/volunteers/list-volunteers';
import { tempDir } from '../../support/test-app';
import { TelegramHarness, type BotMessage } from './telegram-harness';

/**
 * Parlons against telegram-test-api, a fake Bot API server, on 127.0.0.1: real HTTP, real
 * telegraf, real SQLite file. Each test starts its own server and bot.
 */
jest.setTimeout(30_000);

let dir: { dir: string; cleanup: () => void };
let tg: TelegramHarness;

beforeEach(async () => {
  dir = tempDir();
  tg = await TelegramHarness.create(dir.dir);
  await tg.startBot();
});
afterEach(async () => {
  await tg.close();
  dir.cleanup();
});

const texts = (messages: readonly BotMessage[]) => messages.map((m) => m.text).join('\n---\n');
const buttonIds = (messages: readonly BotMessage[]) => messages.flatMap((m) => m.buttons.map((b) => b.id));

function volunteers() {
  return listVolunteers(tg.app!.store, tg.app!.settings.city);
}

describe('Telegram', () => {
  test('a full registration by pressing buttons; each answered question shows the answer and loses its keyboard', async () => {
    const camille = tg.user(5001);
    const first = await camille.say('/start');
    expect(texts(first)).toContain('Quelle langue préférez-vous ?');
    expect(buttonIds(first)).toEqual(['fr', 'en']);
    const menu = await camille.press('fr');
    expect(texts(menu)).toContain('Je suis un robot');
    expect(texts(menu)).toContain('Que voulez-vous faire ?');
    expect(texts(menu)).not.toContain('numéro');
    await camille.press('register');
    expect(texts(await camille.press('accept'))).toContain('Quel est votre prénom ?');
    expect(buttonIds(await camille.say('Camille'))).toContain('trois_cites');
    await camille.press('trois_cites');
    await camille.press('25_34');
    await camille.press('woman');
    await camille.press('smartphone');
    const summary = await camille.press('this_contact');
    expect(texts(summary)).toContain('Rappels : ici (Telegram)');
    expect(texts(await camille.press('confirm'))).toContain('vous êtes inscrit·e comme volontaire');

    expect(volunteers()).toEqual([
      expect.objectContaining({ first_name: 'Camille', neighbourhood: 'trois_cites', age_bracket: '25_34', contact_points: [{ channel: 'telegram', address: '5001' }] }),
    ]);
    const answered = tg.botMessages(5001).find((m) => m.text.startsWith('Dans quel quartier'));
    expect(answered?.text).toMatch(/✅ <b>Trois-Cités<\/b>$/);
    expect(answered?.buttons).toEqual([]);
  });

  test('typed answers with typos work where buttons are offered', async () => {
    const sam = tg.user(5002);
    for (const message of ['bonjour', 'english', 'register', 'yes', 'Sam', 'couronerie', '35 to 49', 'a man', 'computr', 'here']) await sam.say(message);
    expect(texts(await sam.say('yes'))).toContain('you are registered as a volunteer');
    expect(volunteers()).toEqual([expect.objectContaining({ first_name: 'Sam', neighbourhood: 'couronneries', age_bracket: '35_49', gender: 'man', equipment: 'computer', language: 'en' })]);
  });

  test('a button of an earlier question gets a polite answer and changes nothing', async () => {
    const camille = tg.user(5003);
    await camille.say('/start');
    const menu = await camille.press('fr');
    const menuMessage = menu.find((m) => m.buttons.length > 0)!;
    // Answered by typing: the menu keeps its keyboard, whose buttons are now out of date.
    await camille.say('1');
    const stale = await camille.press('language', menuMessage);
    expect(texts(stale)).toContain('Ce bouton correspond à une question précédente');
    expect(texts(stale)).toContain('Acceptez-vous ?');
    expect(tg.botMessages(5003).find((m) => m.messageId === menuMessage.messageId)?.buttons).toEqual(menuMessage.buttons);
    expect(tg.app!.store.db.prepare("SELECT language FROM person").get()).toEqual({ language: 'fr' });
  });

  test('a restart in the middle of the flow continues at the same question', async () => {
    const camille = tg.user(5004);
    await camille.say('/start');
    await camille.press('fr');
    await camille.press('register');
    await camille.press('accept');
    await camille.say('Camille');
    await tg.stopBot();
    await tg.startBot();
    const next = await camille.press('trois_cites');
    expect(texts(next)).toContain('Quel âge avez-vous ?');
    for (const id of ['25_34', 'woman', 'smartphone', 'this_contact']) await camille.press(id);
    await camille.press('confirm');
    expect(volunteers()).toEqual([expect.objectContaining({ first_name: 'Camille', neighbourhood: 'trois_cites' })]);
  });

  test('in a group the bot says once that it talks in private, and keeps nothing', async () => {
    const inGroup = tg.user(5005, { group: -100200 });
    const first = await inGroup.say('Bonjour le bot, je m’appelle Camille et j’habite aux Trois-Cités');
    expect(texts(first)).toContain('Je parle seulement en message privé');
    expect(await inGroup.say('/start')).toEqual([]);
    expect(tg.app!.store.db.prepare('SELECT count(*) AS n FROM person').get()).toEqual({ n: 0 });
    expect(tg.app!.store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  test('a deep link records where the person came from and opens registration after the welcome', async () => {
    const camille = tg.user(5006);
    const first = await camille.say('/start poster-trois-cites');
    expect(buttonIds(first)).toEqual(['fr', 'en']);
    const next = await camille.press('fr');
    expect(texts(next)).toContain('Je suis un robot');
    expect(texts(next)).toContain('Merci de vouloir participer');
    expect(texts(next)).toContain('Acceptez-vous ?');
    expect(tg.app!.store.db.prepare('SELECT came_from FROM person').get()).toEqual({ came_from: 'poster-trois-cites' });
    // A known person who scans another poster goes straight to registration; the first source stays.
    await camille.say('menu');
    expect(texts(await camille.say('/start flyer-marche'))).toContain('Acceptez-vous ?');
    expect(tg.app!.store.db.prepare('SELECT came_from FROM person').get()).toEqual({ came_from: 'poster-trois-cites' });
    expect(collectStats(tg.app!.store).people_by_source).toEqual({ 'poster-trois-cites': 1 });
  });

  test('a sticker or a photo without caption gets a kind answer', async () => {
    const camille = tg.user(5007);
    await camille.say('/start');
    expect(texts(await camille.say(''))).toContain('Je n’ai reçu aucun texte'.replace('’', "'"));
  });
});
