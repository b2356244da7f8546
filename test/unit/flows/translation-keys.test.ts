import fs from 'node:fs';
import path from 'node:path';
import { CHANNEL_KINDS } from '../../../src/domain/channel-kind';
import { SUPPORTED_LANGUAGES } from '../../../src/domain/language';
import { AGE_BRACKETS, EQUIPMENTS, GENDERS, REMINDER_PREFERENCES } from '../../../src/domain/profile';
import { GRANTABLE_ROLES } from '../../../src/domain/role';
import { allFlows } from '../../../src/flows/definitions';
import { loadTranslator, type Translator } from '../../../src/i18n/translator';

/**
 * Every translation key the code can ask for exists in every language: a missing one would show
 * the fallback language, or the bare key, to a resident.
 */
const SRC = path.resolve(__dirname, '../../../src');

let translator: Translator;

beforeAll(() => {
  translator = loadTranslator('fr');
});

/** Every `key` string of any object inside `value` (prompts, say texts, choice labels, params). */
function collectKeys(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, into);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.key === 'string') into.add(record.key);
    for (const child of Object.values(record)) collectKeys(child, into);
  }
  return into;
}

/** Keys given to `text('…')` as plain string literals (also both branches of `text(cond ? '…' : '…')`). */
function keysInSource(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  const keys = [...source.matchAll(/\btext\('([^']+)'/g)].map((m) => m[1] ?? '');
  for (const m of source.matchAll(/\btext\([^()`\n]*?\?\s*'([^']+)'\s*:\s*'([^']+)'/g)) keys.push(m[1] ?? '', m[2] ?? '');
  return keys.filter((key) => key !== '' && !key.includes('${'));
}

/** Whether the key exists in `language`, as a text or as plural forms. */
function exists(key: string, language: (typeof SUPPORTED_LANGUAGES)[number]): boolean {
  return translator.has(key, language) || translator.has(`${key}_other`, language);
}

function missingIn(keys: Iterable<string>): string[] {
  return [...keys].flatMap((key) => SUPPORTED_LANGUAGES.filter((language) => !exists(key, language)).map((language) => `${language} ${key}`)).sort();
}

test('the check reports a key missing in every language, and accepts plural-only keys', () => {
  expect(missingIn(['nowhere:to_be_found', 'menu:prompt', 'cli:volunteers.count'])).toEqual(
    SUPPORTED_LANGUAGES.map((language) => `${language} nowhere:to_be_found`).sort(),
  );
});

describe('keys in the flow definitions', () => {
  const flowKeys = new Map(allFlows.map((flow) => [flow.id, collectKeys(flow.steps, new Set<string>())]));

  test('are found (the walk reaches prompts, say texts and choice labels)', () => {
    const all = new Set([...flowKeys.values()].flatMap((keys) => [...keys]));
    expect(all).toContain('menu:prompt');
    expect(all).toContain('menu:register');
    expect(all).toContain('privacy:erase.done');
    expect(all).toContain('profile:gender.undisclosed');
    expect(all).toContain('welcome:introduction');
  });

  test.each(allFlows.map((flow) => [flow.id]))('flow %s: every key exists in every language', (flowId) => {
    const keys = flowKeys.get(flowId) ?? new Set<string>();
    expect(keys.size).toBeGreaterThan(0);
    expect({ flow: flowId, missing: missingIn(keys) }).toEqual({ flow: flowId, missing: [] });
  });
});

describe('keys in the engine, keyword turns and flow functions', () => {
  const files = [
    path.join(SRC, 'flows/engine/flow-engine.ts'),
    path.join(SRC, 'conversation/keyword-turns.ts'),
    ...fs
      .readdirSync(path.join(SRC, 'flows/functions'))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => path.join(SRC, 'flows/functions', f)),
  ];

  test('are found', () => {
    const all = new Set(files.flatMap(keysInSource));
    expect(all).toContain('flow.cancelled');
    expect(all).toContain('choice.not_understood');
    expect(all).toContain('input.empty');
    expect(all).toContain('opt_out.confirmed');
    expect(all).toContain('profile:phone_number.invalid');
    expect(all).toContain('privacy:my_data.consent_withdrawn');
  });

  test.each(files.map((file) => [path.relative(SRC, file)]))('%s: every text() key exists in every language', (relative) => {
    const keys = keysInSource(path.join(SRC, relative));
    expect({ file: relative, missing: missingIn(keys) }).toEqual({ file: relative, missing: [] });
  });
});

describe('keys built from data', () => {
  test('every channel has a name', () => {
    expect(missingIn(CHANNEL_KINDS.map((kind) => `common:channel.${kind}`))).toEqual([]);
  });

  test('every language, and "none yet", has a name', () => {
    expect(missingIn([...SUPPORTED_LANGUAGES, 'none'].map((language) => `common:language_name.${language}`))).toEqual([]);
  });

  test('the agent desk names every role it offers, and every audience without a value', () => {
    const keys = [...GRANTABLE_ROLES.map((role) => `agent:role.${role}`), ...['all', 'volunteers', 'registered', 'assembly_members'].map((kind) => `agent:audience.${kind}`)];
    expect(missingIn(keys)).toEqual([]);
  });

  test('every volunteer status has a description', () => {
    expect(missingIn(['none', 'volunteer', 'withdrawn'].map((status) => `privacy:my_data.status.${status}`))).toEqual([]);
  });

  test('every profile value has a label', () => {
    const keys = [
      ...AGE_BRACKETS.map((id) => `profile:age_bracket.${id}`),
      ...GENDERS.map((id) => `profile:gender.${id}`),
      ...EQUIPMENTS.map((id) => `profile:equipment.${id}`),
      ...REMINDER_PREFERENCES.map((id) => `profile:reminders.${id}`),
    ];
    expect(missingIn(keys)).toEqual([]);
  });
});
