import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../../../src/app/create-app';
import { configuredChannels } from '../../../src/app/configured-channels';
import { serveChannels, type Serving } from '../../../src/app/serve-channels';
import { sendBroadcast } from '../../../src/broadcasts/send-broadcast';
import { loadSettings } from '../../../src/config/settings';
import { silentLogger } from '../../../src/lib/logger';
import { seededRandom } from '../../../src/lib/seeded-random';
import { smsCost } from '../../../src/lib/sms/sms-segments';
import { tempDir } from '../../support/test-app';
import { until } from '../../support/until';
import { describeWithGammu, GammuPhone } from './gammu-phone';

/**
 * With SMS_TRANSLITERATE=off, a text outside GSM-7 leaves Gammu as UCS-2, one concatenated
 * message, and arrives exactly as written: read back from what the real SMSD sent through its
 * dummy phone. With transliteration on, the same notice goes as GSM-7.
 */
jest.setTimeout(120_000);

const RESIDENT = '+33612345678';
const NOTICE = 'L’assemblée « œuvre » pour tous : la fête des Trois-Cités est reportée au 12 décembre, même heure. Ça nous tient à cœur, venez nombreux ! ' + 'À bientôt.';

describe.each([
  ['off', 'Unicode_No_Compression', NOTICE],
  ['on', 'Default_No_Compression', null],
] as const)('SMS_TRANSLITERATE=%s', (transliterate, coding, asWritten) => {
  describeWithGammu('a notice outside GSM-7, through Gammu SMSD (dummy phone)', () => {
    let dir: ReturnType<typeof tempDir>;
    let phone: GammuPhone;
    let app: App;
    let serving: Serving;

    beforeAll(async () => {
      dir = tempDir();
      phone = await GammuPhone.start(path.join(dir.dir, 'gammu'));
      const settings = loadSettings({
        PARLONS_DB: path.join(dir.dir, 'parlons.db'),
        SMS_PROVIDER: 'gammu',
        SMS_GAMMU_CONFIG: phone.config,
        SMS_RATE_LIMIT: '0',
        SMS_TRANSLITERATE: transliterate,
        PARLONS_QUIET_HOURS: 'off',
      });
      app = createApp(settings, { logger: silentLogger, random: seededRandom(3) });
      serving = await serveChannels(app, configuredChannels(app), 20);
    });

    afterAll(async () => {
      await serving?.stop();
      app?.close();
      await phone?.stop();
      dir?.cleanup();
    });

    test(`goes as ${coding}, one message with all its parts, ${asWritten ? 'exactly as written' : 'made GSM-7'}`, async () => {
      await phone.text(RESIDENT, 'BONJOUR');
      await phone.reply(RESIDENT, '2. English');
      const personId = app.store.contacts.find('sms', RESIDENT)!.personId;
      sendBroadcast(app.store, { audience: [{ kind: 'person', personId }], texts: { fr: NOTICE }, sendAt: new Date() }, new Date());
      const notice = await until('the notice to be sent', () => phone.sentMessages(RESIDENT).find((m) => m.text.includes('Trois-Cités est reportée')));
      expect(notice.coding).toBe(coding);
      if (asWritten) {
        expect(notice.text).toBe(asWritten);
        expect(notice.parts).toBe(smsCost(asWritten).segments);
        // The README's command prints each message whole, as the resident reads it.
        expect(readmeSentCommand(path.join(phone.dir, 'spool', 'sent'))).toContain(`${asWritten}\n`);
      } else {
        expect(notice.text).toContain("L'assemblée \"oeuvre\"");
        expect(notice.parts).toBe(smsCost(notice.text).segments);
      }
    });
  });
});

/** Runs the README's command that prints the messages the dummy phone sent, on `sent` (its `~/parlons-sms/sent/*`). */
function readmeSentCommand(sent: string): string {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const line = readme.split('\n').find((l) => l.startsWith("node -e 'for (const f of process.argv.slice(1))"));
  if (!line) throw new Error('the README has no command printing the sent messages');
  const script = /^node -e '(.*)' ~\/parlons-sms\/sent\/\*$/.exec(line)?.[1];
  if (!script) throw new Error(`unexpected README command: ${line}`);
  const files = fs.readdirSync(sent).map((name) => path.join(sent, name));
  return execFileSync(process.execPath, ['-e', script, ...files], { encoding: 'utf8' });
}
