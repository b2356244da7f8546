import fs from 'node:fs';
import path from 'node:path';
import { loadSettings, readEnvironment, SETTING_NAMES, SettingsError } from '../../../src/config/settings';
import { tempDir } from '../../support/test-app';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});

afterEach(() => {
  cleanup();
});

const validCity = {
  id: 'testville',
  name: 'Testville',
  country: 'BE',
  timeZone: 'Europe/Brussels',
  humanContact: 'Maison communale, guichet 1',
  neighbourhoods: [
    { id: 'centre', name: 'Centre', aliases: ['hyper centre'] },
    { id: 'gare', name: 'Quartier de la gare' },
  ],
};

function writeJson(name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** Runs `work`, expecting a SettingsError, and returns it. */
function settingsError(work: () => unknown): SettingsError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return error as SettingsError;
  }
  throw new Error('expected a SettingsError');
}

describe('loadSettings', () => {
  test('gives the defaults for an empty environment', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({ dbFile: 'data/parlons.db', defaultLanguage: 'fr', logLevel: 'info' });
    expect(settings.city.id).toBe('poitiers');
    expect(settings.city.timeZone).toBe('Europe/Paris');
    expect(settings.humanContact).toBe(settings.city.humanContact);
  });

  test('treats empty values as unset', () => {
    const settings = loadSettings({ PARLONS_DB: '', PARLONS_LOCALE: '', PARLONS_CITY: '', PARLONS_HUMAN_CONTACT: '', PARLONS_LOG_LEVEL: '' });
    expect(settings).toMatchObject({ dbFile: 'data/parlons.db', defaultLanguage: 'fr', logLevel: 'info' });
    expect(settings.city.id).toBe('poitiers');
  });

  test('reads every setting given', () => {
    const settings = loadSettings({
      PARLONS_DB: ':memory:',
      PARLONS_LOCALE: 'en',
      PARLONS_CITY: writeJson('testville.json', validCity),
      PARLONS_HUMAN_CONTACT: '  05 49 00 00 00  ',
      PARLONS_LOG_LEVEL: 'debug',
    });
    expect(settings).toMatchObject({ dbFile: ':memory:', defaultLanguage: 'en', logLevel: 'debug', humanContact: '05 49 00 00 00' });
    expect(settings.city.name).toBe('Testville');
  });

  test('ignores variables that are not settings', () => {
    expect(loadSettings({ HOME: '/root', PARLONS_UNKNOWN: 'x' }).defaultLanguage).toBe('fr');
  });

  test('an unsupported PARLONS_LOCALE is a SettingsError naming it', () => {
    const error = settingsError(() => loadSettings({ PARLONS_LOCALE: 'de' }));
    expect(error.name).toBe('SettingsError');
    expect(error.message).toContain('PARLONS_LOCALE');
    expect(error.message).toContain('"de"');
    expect(error.problems).toHaveLength(1);
  });

  test('an unknown PARLONS_LOG_LEVEL is a SettingsError naming it', () => {
    const error = settingsError(() => loadSettings({ PARLONS_LOG_LEVEL: 'verbose' }));
    expect(error.message).toContain('PARLONS_LOG_LEVEL');
    expect(error.message).toContain('"verbose"');
  });

  test('every bad setting is named at once', () => {
    const error = settingsError(() => loadSettings({ PARLONS_LOCALE: 'de', PARLONS_LOG_LEVEL: 'loud' }));
    expect(error.problems).toHaveLength(2);
    expect(error.problems.join('\n')).toMatch(/PARLONS_LOCALE[\s\S]*PARLONS_LOG_LEVEL|PARLONS_LOG_LEVEL[\s\S]*PARLONS_LOCALE/);
  });

  test('PARLONS_CITY naming a missing file is a SettingsError naming it', () => {
    const missing = path.join(dir, 'nowhere.json');
    const error = settingsError(() => loadSettings({ PARLONS_CITY: missing }));
    expect(error.message).toContain('PARLONS_CITY');
    expect(error.message).toContain('nowhere.json');
  });

  test('PARLONS_CITY naming a city Parlons does not ship is a SettingsError naming it', () => {
    const error = settingsError(() => loadSettings({ PARLONS_CITY: 'atlantis' }));
    expect(error.message).toContain('PARLONS_CITY');
    expect(error.message).toContain('atlantis');
  });

  test('PARLONS_CITY naming a file that is not JSON is a SettingsError naming it', () => {
    const error = settingsError(() => loadSettings({ PARLONS_CITY: writeJson('broken.json', '{ "id": "x", ') }));
    expect(error.message).toContain('PARLONS_CITY');
    expect(error.message).toContain('broken.json');
  });

  test('PARLONS_CITY naming a JSON file of the wrong shape is a SettingsError naming it and the problem', () => {
    const error = settingsError(() => loadSettings({ PARLONS_CITY: writeJson('shape.json', { ...validCity, timeZone: 'Mars/Olympus' }) }));
    expect(error.message).toContain('PARLONS_CITY');
    expect(error.message).toContain('timeZone');
  });

  test('a valid custom city file loads, and gives its human contact unless one is set', () => {
    const file = writeJson('testville.json', validCity);
    const settings = loadSettings({ PARLONS_CITY: file });
    expect(settings.city).toEqual({
      ...validCity,
      neighbourhoods: [
        { id: 'centre', name: 'Centre', aliases: ['hyper centre'] },
        { id: 'gare', name: 'Quartier de la gare', aliases: [] },
      ],
    });
    expect(settings.humanContact).toBe('Maison communale, guichet 1');
    expect(loadSettings({ PARLONS_CITY: file, PARLONS_HUMAN_CONTACT: 'Call 311' }).humanContact).toBe('Call 311');
  });

  test('SETTING_NAMES are the variables loadSettings reads', () => {
    expect([...SETTING_NAMES].sort()).toEqual([
      'MATRIX_ACCESS_TOKEN',
      'MATRIX_ACCOUNT_PASSWORD',
      'MATRIX_CRYPTO_PASSPHRASE',
      'MATRIX_E2EE',
      'MATRIX_HOMESERVER_URL',
      'MATRIX_RATE_LIMIT',
      'MATRIX_UNDECRYPTABLE_WAIT',
      'PARLONS_BACKUP_DIR',
      'PARLONS_BACKUP_KEEP',
      'PARLONS_BACKUP_KEY',
      'PARLONS_BACKUP_TIME',
      'PARLONS_CITY',
      'PARLONS_DB',
      'PARLONS_HUMAN_CONTACT',
      'PARLONS_LOCALE',
      'PARLONS_LOG_LEVEL',
      'PARLONS_MEDIATOR_DIGEST_TIME',
      'PARLONS_QUIET_HOURS',
      'PARLONS_REMINDERS',
      'PARLONS_REMINDER_AUDIENCE',
      'PARLONS_WEB_LISTEN',
      'PARLONS_WEB_URL',
      'SMS_GAMMU_CONFIG',
      'SMS_GAMMU_INJECT',
      'SMS_PROVIDER',
      'SMS_RATE_LIMIT',
      'SMS_SENDER',
      'SMS_TRANSLITERATE',
      'SMS_TWILIO_ACCOUNT_SID',
      'SMS_TWILIO_API_BASE',
      'SMS_TWILIO_AUTH_TOKEN',
      'SMS_TWILIO_WEBHOOK_LISTEN',
      'SMS_TWILIO_WEBHOOK_URL',
      'TELEGRAM_API_ROOT',
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_CHAT_RATE_LIMIT',
      'TELEGRAM_RATE_LIMIT',
      'TELEGRAM_WEBHOOK_LISTEN',
      'TELEGRAM_WEBHOOK_SECRET',
      'TELEGRAM_WEBHOOK_URL',
    ]);
  });
});

describe('backups', () => {
  test('daily, at 03:30, in backups/ beside the database, 7 kept, not encrypted, by default', () => {
    expect(loadSettings({ PARLONS_DB: '/srv/parlons/parlons.db' }).backup).toEqual({ dir: '/srv/parlons/backups', time: 3 * 60 + 30, keep: 7, key: null });
  });

  test('configurable, or off; none for a database in memory', () => {
    const settings = loadSettings({ PARLONS_BACKUP_DIR: '/mnt/other-disk/parlons', PARLONS_BACKUP_TIME: '01:15', PARLONS_BACKUP_KEEP: '30', PARLONS_BACKUP_KEY: 'correct horse battery staple' });
    expect(settings.backup).toEqual({ dir: '/mnt/other-disk/parlons', time: 75, keep: 30, key: 'correct horse battery staple' });
    expect(loadSettings({ PARLONS_BACKUP_DIR: 'off' }).backup.dir).toBeNull();
    expect(loadSettings({ PARLONS_DB: ':memory:' }).backup.dir).toBeNull();
  });

  test.each([
    ['PARLONS_BACKUP_TIME', '3h30', 'HH:MM expected'],
    ['PARLONS_BACKUP_KEEP', '0', 'PARLONS_BACKUP_KEEP'],
    ['PARLONS_BACKUP_KEEP', 'seven', 'a number of backups expected'],
    ['PARLONS_BACKUP_KEY', 'short', 'at least 16 characters'],
  ])('%s=%s is refused', (name, value, expected) => {
    expect(() => loadSettings({ [name]: value })).toThrow(expected);
  });
});

describe('quiet hours', () => {
  test('default 21:30-08:00, configurable, or off', () => {
    expect(loadSettings({}).quietHours).toEqual({ from: 21 * 60 + 30, to: 8 * 60 });
    expect(loadSettings({ PARLONS_QUIET_HOURS: '20:00-09:15' }).quietHours).toEqual({ from: 20 * 60, to: 9 * 60 + 15 });
    expect(loadSettings({ PARLONS_QUIET_HOURS: 'off' }).quietHours).toBeNull();
  });
});

describe('mediator digest time', () => {
  test('default 18:00 on the city clock, configurable as HH:MM', () => {
    expect(loadSettings({}).mediatorDigestTime).toBe(18 * 60);
    expect(loadSettings({ PARLONS_MEDIATOR_DIGEST_TIME: '07:45' }).mediatorDigestTime).toBe(7 * 60 + 45);
  });

  test.each(['18h', '24:00', '6:00', 'off'])('%s is a SettingsError naming the setting and the expected form', (value) => {
    const error = settingsError(() => loadSettings({ PARLONS_MEDIATOR_DIGEST_TIME: value }));
    expect(error.problems).toEqual([`PARLONS_MEDIATOR_DIGEST_TIME=${JSON.stringify(value)}: HH:MM expected, such as 18:00`]);
  });
});

describe('Matrix settings', () => {
  const homeserver = 'https://matrix.example.org';

  test('neither setting: no Matrix channel', () => {
    expect(loadSettings({}).matrix).toBeNull();
  });

  const passphrase = 'correct horse battery staple';

  test('both settings turn Matrix on, at Synapse\'s default rate unless set, with end-to-end encryption unless turned off', () => {
    expect(loadSettings({ MATRIX_HOMESERVER_URL: homeserver, MATRIX_ACCESS_TOKEN: 'syt_abc', MATRIX_CRYPTO_PASSPHRASE: passphrase }).matrix).toEqual({
      homeserverUrl: homeserver,
      accessToken: 'syt_abc',
      rateLimit: 0.2,
      e2ee: { passphrase, accountPassword: null, undecryptableWaitMs: 30_000 },
    });
    expect(loadSettings({ MATRIX_HOMESERVER_URL: homeserver, MATRIX_ACCESS_TOKEN: 'syt_abc', MATRIX_E2EE: 'off', MATRIX_RATE_LIMIT: '10' }).matrix).toEqual({ homeserverUrl: homeserver, accessToken: 'syt_abc', rateLimit: 10, e2ee: null });
    expect(
      loadSettings({ MATRIX_HOMESERVER_URL: homeserver, MATRIX_ACCESS_TOKEN: 'syt_abc', MATRIX_CRYPTO_PASSPHRASE: passphrase, MATRIX_ACCOUNT_PASSWORD: 'pw', MATRIX_UNDECRYPTABLE_WAIT: '5' }).matrix?.e2ee,
    ).toEqual({ passphrase, accountPassword: 'pw', undecryptableWaitMs: 5_000 });
  });

  test('encryption needs a passphrase of at least 16 characters; a bad wait or switch is named', () => {
    const base = { MATRIX_HOMESERVER_URL: homeserver, MATRIX_ACCESS_TOKEN: 'syt_abc' };
    expect(settingsError(() => loadSettings(base)).message).toContain('MATRIX_CRYPTO_PASSPHRASE: required with end-to-end encryption');
    expect(settingsError(() => loadSettings({ ...base, MATRIX_CRYPTO_PASSPHRASE: 'too short' })).message).toContain('MATRIX_CRYPTO_PASSPHRASE="too short": at least 16 characters');
    expect(settingsError(() => loadSettings({ ...base, MATRIX_CRYPTO_PASSPHRASE: passphrase, MATRIX_E2EE: 'maybe' })).message).toContain('MATRIX_E2EE');
    expect(settingsError(() => loadSettings({ ...base, MATRIX_CRYPTO_PASSPHRASE: passphrase, MATRIX_UNDECRYPTABLE_WAIT: 'soon' })).message).toContain('MATRIX_UNDECRYPTABLE_WAIT');
  });

  test('one without the other, a URL that is not http(s), or a token with spaces is a SettingsError naming it', () => {
    expect(settingsError(() => loadSettings({ MATRIX_HOMESERVER_URL: homeserver })).message).toContain('MATRIX_HOMESERVER_URL: set MATRIX_ACCESS_TOKEN too');
    expect(settingsError(() => loadSettings({ MATRIX_ACCESS_TOKEN: 'syt_abc' })).message).toContain('MATRIX_ACCESS_TOKEN: set MATRIX_HOMESERVER_URL too');
    expect(settingsError(() => loadSettings({ MATRIX_HOMESERVER_URL: 'matrix.example.org', MATRIX_ACCESS_TOKEN: 'syt_abc' })).message).toContain('MATRIX_HOMESERVER_URL');
    expect(settingsError(() => loadSettings({ MATRIX_HOMESERVER_URL: homeserver, MATRIX_ACCESS_TOKEN: 'syt abc' })).message).toContain('MATRIX_ACCESS_TOKEN');
  });
});

describe('Telegram settings', () => {
  const token = '123456:ABC-def_ghi';

  test('no token: no Telegram channel', () => {
    expect(loadSettings({}).telegram).toBeNull();
  });

  test('a token alone: long polling on the official API', () => {
    expect(loadSettings({ TELEGRAM_BOT_TOKEN: token }).telegram).toEqual({ token, apiRoot: null, webhook: null, rateLimit: 30, chatRateLimit: 1 });
  });

  test('rates can be set, 0 meaning no limit', () => {
    expect(loadSettings({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_RATE_LIMIT: '0', TELEGRAM_CHAT_RATE_LIMIT: '0.5' }).telegram).toMatchObject({ rateLimit: 0, chatRateLimit: 0.5 });
  });

  test('a webhook URL: webhook mode, listening where told, with the secret given or a random one', () => {
    const given = loadSettings({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_WEBHOOK_URL: 'https://parlons.example.org/telegram',
      TELEGRAM_WEBHOOK_LISTEN: '0.0.0.0:9443',
      TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123',
    }).telegram;
    expect(given?.webhook).toEqual({ url: 'https://parlons.example.org/telegram', host: '0.0.0.0', port: 9443, secret: 'abc_DEF-123' });
    const random = loadSettings({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: 'https://parlons.example.org/telegram' }).telegram;
    expect(random?.webhook).toMatchObject({ host: '127.0.0.1', port: 8080, secret: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test.each([
    [{ TELEGRAM_BOT_TOKEN: 'no-colon' }, 'TELEGRAM_BOT_TOKEN'],
    [{ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: 'not a url' }, 'TELEGRAM_API_ROOT'],
    [{ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: 'ftp://example.org/hook' }, 'TELEGRAM_WEBHOOK_URL'],
    [{ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_LISTEN: '8080' }, 'TELEGRAM_WEBHOOK_LISTEN'],
    [{ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: 'has spaces' }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ TELEGRAM_API_ROOT: 'http://127.0.0.1:9000' }, 'TELEGRAM_API_ROOT'],
    [{ TELEGRAM_WEBHOOK_URL: 'https://parlons.example.org/telegram' }, 'TELEGRAM_WEBHOOK_URL'],
    [{ TELEGRAM_BOT_TOKEN: token, TELEGRAM_RATE_LIMIT: 'fast' }, 'TELEGRAM_RATE_LIMIT'],
    [{ TELEGRAM_BOT_TOKEN: token, TELEGRAM_CHAT_RATE_LIMIT: '-1' }, 'TELEGRAM_CHAT_RATE_LIMIT'],
    [{ PARLONS_QUIET_HOURS: '22h-8h' }, 'PARLONS_QUIET_HOURS'],
  ])('%j is refused, naming %s', (env, name) => {
    expect(() => loadSettings(env)).toThrow(SettingsError);
    expect(() => loadSettings(env)).toThrow(name);
  });
});

describe('readEnvironment', () => {
  test('reads a .env file in the folder given', () => {
    fs.writeFileSync(path.join(dir, '.env'), '# comment\nPARLONS_LOCALE=en\nPARLONS_DB="data/other.db"\n\nPARLONS_HUMAN_CONTACT=\'Mairie, accueil\'\n');
    expect(readEnvironment(dir, {})).toEqual({ PARLONS_LOCALE: 'en', PARLONS_DB: 'data/other.db', PARLONS_HUMAN_CONTACT: 'Mairie, accueil' });
  });

  test('the real environment overrides the file', () => {
    fs.writeFileSync(path.join(dir, '.env'), 'PARLONS_LOCALE=en\nPARLONS_DB=from-file.db\n');
    const env = readEnvironment(dir, { PARLONS_LOCALE: 'fr', PARLONS_LOG_LEVEL: 'warn' });
    expect(env).toEqual({ PARLONS_LOCALE: 'fr', PARLONS_DB: 'from-file.db', PARLONS_LOG_LEVEL: 'warn' });
    expect(loadSettings(env)).toMatchObject({ defaultLanguage: 'fr', dbFile: 'from-file.db', logLevel: 'warn' });
  });

  test('without a .env file, gives the environment as it is', () => {
    expect(readEnvironment(dir, { PARLONS_DB: 'x.db' })).toEqual({ PARLONS_DB: 'x.db' });
  });

  test('does not change process.env', () => {
    fs.writeFileSync(path.join(dir, '.env'), 'PARLONS_TEST_ONLY_VARIABLE=1\n');
    readEnvironment(dir, {});
    expect(process.env.PARLONS_TEST_ONLY_VARIABLE).toBeUndefined();
  });
});

describe('SMS settings', () => {
  const twilio = {
    SMS_PROVIDER: 'twilio',
    SMS_TWILIO_ACCOUNT_SID: 'AC123',
    SMS_TWILIO_AUTH_TOKEN: 'secret',
    SMS_TWILIO_WEBHOOK_URL: 'https://sms.example.org/sms/twilio',
    SMS_SENDER: '05 49 00 00 00',
  };

  test('no provider: no SMS channel', () => {
    expect(loadSettings({}).sms).toBeNull();
  });

  test('gammu needs its configuration file; transliteration is on and 1 SMS a second by default', () => {
    expect(loadSettings({ SMS_PROVIDER: 'gammu', SMS_GAMMU_CONFIG: '/etc/gammu-smsdrc' }).sms).toEqual({
      provider: { kind: 'gammu', configFile: '/etc/gammu-smsdrc', injectCommand: 'gammu-smsd-inject' },
      rateLimit: 1,
      transliterate: true,
      publicNumber: null,
    });
    expect(settingsError(() => loadSettings({ SMS_PROVIDER: 'gammu' })).message).toContain('SMS_GAMMU_CONFIG: required with SMS_PROVIDER=gammu');
  });

  test('twilio: the sender number is read in the city\'s country and stored in E.164', () => {
    expect(loadSettings({ ...twilio, SMS_TRANSLITERATE: 'off', SMS_RATE_LIMIT: '5' }).sms).toEqual({
      provider: {
        kind: 'twilio',
        accountSid: 'AC123',
        authToken: 'secret',
        apiBase: 'https://api.twilio.com',
        from: '+33549000000',
        webhook: { url: 'https://sms.example.org/sms/twilio', host: '127.0.0.1', port: 8081 },
      },
      rateLimit: 5,
      transliterate: false,
      publicNumber: '+33549000000',
    });
  });

  test('gammu: SMS_SENDER, when set, is the modem\'s number shown to residents, and must be a number', () => {
    const gammu = { SMS_PROVIDER: 'gammu', SMS_GAMMU_CONFIG: '/etc/gammu-smsdrc' };
    expect(loadSettings({ ...gammu, SMS_SENDER: '06 12 34 56 78' }).sms?.publicNumber).toBe('+33612345678');
    expect(settingsError(() => loadSettings({ ...gammu, SMS_SENDER: '+33 12' })).problems).toEqual(['SMS_SENDER="+33 12": a phone number expected, such as +33612345678']);
  });

  test('twilio names every missing setting, and a sender that is not a number', () => {
    const error = settingsError(() => loadSettings({ SMS_PROVIDER: 'twilio', SMS_SENDER: '+33 12' }));
    expect(error.problems).toEqual([
      'SMS_TWILIO_ACCOUNT_SID: required with SMS_PROVIDER=twilio',
      'SMS_TWILIO_AUTH_TOKEN: required with SMS_PROVIDER=twilio',
      'SMS_TWILIO_WEBHOOK_URL: required with SMS_PROVIDER=twilio',
      'SMS_SENDER="+33 12": a phone number expected, such as +33612345678',
    ]);
  });

  test('an unknown provider is refused', () => {
    expect(settingsError(() => loadSettings({ SMS_PROVIDER: 'ovh' })).message).toContain('SMS_PROVIDER');
  });
});

describe('web face', () => {
  test('listens on 127.0.0.1:8090 by default, and links are built on that address', () => {
    expect(loadSettings({}).web).toEqual({ listen: { host: '127.0.0.1', port: 8090 }, url: 'http://127.0.0.1:8090' });
  });

  test('behind a reverse proxy: its public address, without a trailing slash', () => {
    expect(loadSettings({ PARLONS_WEB_LISTEN: '0.0.0.0:9000', PARLONS_WEB_URL: 'https://ville.example.org/parlons/' }).web).toEqual({
      listen: { host: '0.0.0.0', port: 9000 },
      url: 'https://ville.example.org/parlons',
    });
  });

  test('off: not served here; links still work when another process serves the address', () => {
    expect(loadSettings({ PARLONS_WEB_LISTEN: 'off' }).web).toEqual({ listen: null, url: null });
    expect(loadSettings({ PARLONS_WEB_LISTEN: 'off', PARLONS_WEB_URL: 'https://parlons.example.org' }).web.url).toBe('https://parlons.example.org');
  });

  test('bad values are named', () => {
    expect(settingsError(() => loadSettings({ PARLONS_WEB_LISTEN: 'everywhere' })).message).toContain('PARLONS_WEB_LISTEN');
    expect(settingsError(() => loadSettings({ PARLONS_WEB_URL: 'ftp://example.org' })).message).toContain('PARLONS_WEB_URL');
    expect(settingsError(() => loadSettings({ PARLONS_WEB_URL: 'https://example.org/?a=1' })).message).toContain('without ? or #');
  });
});
