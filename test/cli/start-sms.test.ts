import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { tempDir } from '../support/test-app';
import { describeWithGammu, GammuPhone } from '../channels/sms/gammu-phone';
import { until } from '../support/until';

/**
 * `parlons start` as an operator runs it, configured for Gammu as the README says, with the real
 * gammu-smsd and its dummy phone: a resident registers entirely by SMS with numbered answers.
 */
jest.setTimeout(180_000);

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');
const RESIDENT = '+33612345678';

describeWithGammu('npm start serving SMS through Gammu', () => {
  test('a resident texts BONJOUR, registers by SMS, and `volunteers --json` shows their number', async () => {
    const dir = tempDir();
    const phone = await GammuPhone.start(path.join(dir.dir, 'gammu'));
    // No web face here: its own tests have it (and two starts must not compete for one port).
    const env = { PATH: process.env.PATH ?? '', PARLONS_DB: path.join(dir.dir, 'parlons.db'), SMS_PROVIDER: 'gammu', SMS_GAMMU_CONFIG: phone.config, PARLONS_WEB_LISTEN: 'off' };
    let bot: ChildProcess | null = spawn(process.execPath, [CLI, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bot.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await until('the bot to start', () => (stderr.includes('sms') ? true : undefined));
      // What the resident types, and a piece of the bot's answer to wait for (as sent: GSM-7).
      const script: [string, string][] = [
        ['BONJOUR', '2. English'],
        ['1', '7. Aide'],
        ['1', '3. Je refuse'],
        ['1', 'prénom'],
        ['Mme Dupont', '15. Autre quartier'],
        ['13', '6. 80 ans ou plus'],
        ['6', '4. Je préfère ne pas répondre'],
        ['1', '3. Ni l\'un ni l\'autre'],
        ['3', '2. Pas de rappels'],
        ['1', 'Est-ce correct'],
        ['1', 'vous etes inscrit.e'],
      ];
      for (const [typed, expected] of script) {
        await phone.text(RESIDENT, typed);
        await phone.reply(RESIDENT, expected);
      }

      const listed = spawnSync(process.execPath, [CLI, 'volunteers', '--json'], { env, encoding: 'utf8' });
      expect(JSON.parse(listed.stdout)).toEqual([
        expect.objectContaining({ first_name: 'Mme Dupont', neighbourhood: 'trois_cites', contact_points: [{ channel: 'sms', address: RESIDENT }] }),
      ]);
      const stats = spawnSync(process.execPath, [CLI, 'stats'], { env, encoding: 'utf8' });
      expect(stats.stdout).toMatch(/SMS envoyés ce mois-ci \(\d{4}-\d{2}\) : \d+ segments/);
      expect(stats.stdout).not.toMatch(/: 0 segments/);

      const exited = new Promise<number | null>((resolve) => bot?.once('exit', (code) => resolve(code)));
      bot.kill('SIGTERM');
      expect(await exited).toBe(0);
      bot = null;
    } catch (error) {
      // What the bot said (settings, start-up errors) explains a failure better than a timeout.
      throw new Error(`${(error as Error).message}\nparlons start said:\n${stderr}`);
    } finally {
      bot?.kill('SIGKILL');
      await phone.stop();
      dir.cleanup();
    }
  });
});
