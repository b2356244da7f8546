import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CITIES_DIR } from '../../src/config/city';
import { eachWebTest } from '../support/web-client';
import { addVolunteer } from '../support/web-fixtures';

/** Poitiers with census-like figures for equipment (made up for the test), as a city file may give them. */
const cityFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parlons-city-')), 'ville.json');
const poitiers = JSON.parse(fs.readFileSync(path.join(CITIES_DIR, 'poitiers.json'), 'utf8')) as Record<string, unknown>;
fs.writeFileSync(cityFile, JSON.stringify({ ...poitiers, population: { equipment: { smartphone: 600, computer: 250, none: 150 } } }));
afterAll(() => fs.rmSync(path.dirname(cityFile), { recursive: true, force: true }));

const t = eachWebTest({ PARLONS_CITY: cityFile });

test('the dashboard shows volunteers by category beside the city\'s population shares', async () => {
  for (let i = 0; i < 4; i += 1) addVolunteer(t.app, `v${i}`, { equipment: i === 0 ? 'none' : 'smartphone' });
  const agent = await t.signedIn('agathe', ['agent']);
  t.clock.advance(6_000);
  const page = await agent.get('/agent');
  expect(page.body).toContain('<th scope="col" class="number">Part de la population</th>');
  expect(page.body).toMatch(/<th scope="row">Un smartphone<\/th><td class="number">3<\/td><td class="number">75\s%<\/td><td class="number">60\s%<\/td>/);
  expect(page.body).not.toContain('ajoutez-y « population »');
});
