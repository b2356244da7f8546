import fs from 'node:fs';
import path from 'node:path';
import { SUPPORTED_LANGUAGES } from '../../src/domain/language';
import { loadTranslator } from '../../src/i18n/translator';

/** Every word of the web face comes from `locales/*\/web.json`, in every language. */
const WEB = path.resolve(__dirname, '../../src/web');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []));
}

/** Keys given to `t('…')` as literals, and the families of those built with `${…}` (`error.${key}.title` → `error.`). */
function keysIn(files: readonly string[]): { keys: Set<string>; families: Set<string> } {
  const keys = new Set<string>();
  const families = new Set<string>();
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    for (const m of source.matchAll(/\bctx\.t\('([a-z_.]+)'/g)) keys.add(m[1] ?? '');
    for (const m of source.matchAll(/\bctx\.t\(`([a-z_.]+)\$\{/g)) families.add(m[1] ?? '');
  }
  return { keys, families };
}

const translator = loadTranslator('fr');
const exists = (key: string, language: (typeof SUPPORTED_LANGUAGES)[number]) => translator.has(`web:${key}`, language) || translator.has(`web:${key}_other`, language);

test('every literal key of the web face exists in every language', () => {
  const { keys } = keysIn(sources(WEB));
  expect(keys.size).toBeGreaterThan(200);
  const missing = [...keys].flatMap((key) => SUPPORTED_LANGUAGES.filter((language) => !exists(key, language)).map((language) => `${language} web:${key}`));
  expect(missing).toEqual([]);
});

test('every family of keys built from a value has its members in every language', () => {
  const { families } = keysIn(sources(WEB));
  const members: Record<string, readonly string[]> = {
    'nav.': ['assembly', 'consultations', 'ideas', 'join', 'dashboard', 'sessions', 'agent_consultations', 'agent_ideas', 'notices', 'people', 'audit', 'my_people'],
    'error.': ['not_found.title', 'not_found.text', 'sign_in_needed.title', 'forbidden.title', 'form_expired.text', 'too_many.title', 'too_large.title', 'bad_request.title', 'server.text'],
    'figures.field.': ['neighbourhood', 'age_bracket', 'gender', 'equipment'],
    'join.how.': ['telegram', 'matrix', 'sms', 'console'],
    'dashboard.kind_': ['reply', 'bulk'],
    'sessions.status_': ['scheduled', 'cancelled'],
    'sessions.answer_': ['yes', 'no', 'maybe'],
    'sessions.reminder_': ['pending', 'fired', 'skipped', 'cancelled'],
    'sessions.missing.': ['title', 'start', 'end', 'place', 'reminders'],
    'consultation_form.types.': ['yes_no', 'one_choice', 'several_choices', 'majority_judgment', 'comment'],
    'consultation_form.audiences.': ['registered', 'volunteers', 'assembly_members'],
    'agent_ideas.statuses.': ['pending', 'published', 'rejected', 'merged'],
    'people.volunteer_': ['none', 'volunteer', 'withdrawn'],
    'people.via_': ['registered', 'assigned'],
  };
  expect([...families].filter((family) => !(family in members)).sort()).toEqual([]);
  const missing = Object.entries(members).flatMap(([family, names]) =>
    names.flatMap((name) => SUPPORTED_LANGUAGES.filter((language) => !exists(`${family}${name}`, language)).map((language) => `${language} web:${family}${name}`)),
  );
  expect(missing).toEqual([]);
});
