import fs from 'node:fs';
import path from 'node:path';
import { SETTING_NAMES } from '../../../src/config/settings';
import { SUPPORTED_LANGUAGES } from '../../../src/domain/language';

/**
 * Besides `.env.example` (see env-example.test.ts), every setting is explained where operators
 * look: the settings text of `parlons --help` in every language, and the README's table.
 */
const ROOT = path.resolve(__dirname, '../../..');

function helpSettings(language: string): string {
  const cli = JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', language, 'cli.json'), 'utf8')) as { help: { settings: string } };
  return cli.help.settings;
}

test.each([...SUPPORTED_LANGUAGES])('`parlons --help` in %s explains every setting, one per line', (language) => {
  const lines = helpSettings(language).split('\n');
  const undocumented = SETTING_NAMES.filter((name) => !lines.some((line) => new RegExp(`^\\s+${name}\\s+\\S`).test(line)));
  expect({ language, undocumented }).toEqual({ language, undocumented: [] });
});

test('the README has a row for every setting', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  expect(SETTING_NAMES.filter((name) => !readme.includes(`| \`${name}\` |`))).toEqual([]);
});
