import fs from 'node:fs';
import path from 'node:path';
import { SETTING_NAMES } from '../../../src/config/settings';

/**
 * `.env.example` documents every setting: each one appears (set or commented out) right after
 * a comment line saying what it is.
 */
const ENV_EXAMPLE = path.resolve(__dirname, '../../../.env.example');

function readLines(): string[] {
  return fs.readFileSync(ENV_EXAMPLE, 'utf8').split(/\r?\n/);
}

test('.env.example exists', () => {
  expect(fs.existsSync(ENV_EXAMPLE)).toBe(true);
});

test.each([...SETTING_NAMES])('.env.example mentions %s, after a comment line', (name) => {
  const lines = readLines();
  const assignment = new RegExp(`^\\s*#?\\s*${name}=`);
  const index = lines.findIndex((line) => assignment.test(line));
  expect({ name, mentioned: index >= 0 }).toEqual({ name, mentioned: true });
  const previous = lines[index - 1] ?? '';
  expect({ name, previous, isComment: /^\s*#/.test(previous) && !assignment.test(previous) }).toEqual({ name, previous, isComment: true });
});
