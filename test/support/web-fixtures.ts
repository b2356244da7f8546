import fs from 'node:fs';
import path from 'node:path';
import { readConsultationFile } from '../../src/consultations/consultation-file';
import { closeConsultation, openConsultation } from '../../src/consultations/consultation-schedule';
import type { BallotAnswers } from '../../src/domain/consultation';
import type { VolunteerProfile } from '../../src/domain/profile';
import type { App } from '../../src/app/create-app';
import { DRAW_POOL } from './draw-fixtures';
export { DRAW_QUOTAS } from './draw-fixtures';

/** A volunteer registered in chat on the console, with `profile` over a default one; returns their person id. */
export function addVolunteer(app: App, address: string, profile: Partial<VolunteerProfile> = {}): number {
  const now = app.clock.now();
  const id = app.store.people.create('fr', now);
  const contact = app.store.contacts.create(id, 'console', address, now);
  const full: VolunteerProfile = { firstName: address, neighbourhood: 'trois_cites', ageBracket: '35_49', gender: 'woman', equipment: 'smartphone', reminders: 'this_contact', ...profile };
  app.store.people.registerVolunteer(id, full, contact.id, { purpose: 'volunteer_registration', noticeVersion: '1', givenAt: now.toISOString(), method: 'chat' }, now);
  return id;
}

/** The example consultation (`data/consultations/example.yaml`), open from now for a day; returns its id. */
export function openExampleConsultation(app: App): number {
  const now = app.clock.now();
  const file = fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'consultations', 'example.yaml'), 'utf8');
  const read = readConsultationFile(file, 'Europe/Paris', 'fr', (key) => key);
  if (!read.ok) throw new Error('the example consultation does not read');
  const id = app.store.consultations.create({ ...read.definition, opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 86_400_000).toISOString() }, now);
  openConsultation(app.store, app.conversations, id, now);
  return id;
}

/** A ballot of the example consultation: `n` varies it a little; the comment names someone. */
export function exampleBallot(n: number): BallotAnswers {
  return {
    bus_samedi: { choice: n % 3 === 0 ? 'no' : 'yes' },
    trajet: { choice: n % 2 === 0 ? 'bus' : 'velo' },
    priorites: { choices: ['nuit', 'pistes'] },
    propositions: { grades: { navette: n % 2, zone30: 2, parking: 5 } },
    remarque: { comment: `Appelez Zoé au 06 12 34 56 ${String(10 + n)}` },
  };
}

/** The example consultation, for which `ballots` volunteers were invited and answered, then closed; returns its id. */
export function closedExampleConsultation(app: App, ballots: number): number {
  const voters = Array.from({ length: ballots }, (_, n) => addVolunteer(app, `voter${n}`));
  const id = openExampleConsultation(app);
  voters.forEach((voter, n) => app.store.consultations.cast(id, voter, exampleBallot(n), app.clock.now()));
  closeConsultation(app.store, id, app.clock.now());
  return id;
}

/** The 14 volunteers of the example draw (`DRAW_POOL`) on the console; returns each one's first name and address. */
export function addDrawPool(app: App): [name: string, address: string][] {
  return DRAW_POOL.map(([name, ageBracket, gender], n) => {
    const address = `+3361234${String(5600 + n)}`;
    addVolunteer(app, address, { firstName: name, ageBracket, gender });
    return [name, address];
  });
}
