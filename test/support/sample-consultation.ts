import fs from 'node:fs';
import path from 'node:path';
import { openConsultation } from '../../src/consultations/consultation-schedule';
import { readConsultationFile } from '../../src/consultations/consultation-file';
import type { ConsultationDefinition } from '../../src/domain/consultation';
import type { TestApp } from './test-app';

const DAY = 86_400_000;

/** The sample consultation (data/consultations/example.yaml), with `changes`. */
export function sampleDefinition(changes: Partial<ConsultationDefinition> = {}): ConsultationDefinition {
  const file = fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'consultations', 'example.yaml'), 'utf8');
  const read = readConsultationFile(file, 'Europe/Paris', 'fr', (k) => k);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return { ...read.definition, ...changes };
}

/** The sample consultation (with `changes`), open from the app's now for a week; its id. */
export function openSampleConsultation(bot: TestApp, changes: Partial<ConsultationDefinition> = {}): number {
  const { store, conversations } = bot.app;
  const now = bot.clock.now();
  const id = store.consultations.create({ ...sampleDefinition(changes), opensAt: now.toISOString(), closesAt: new Date(now.getTime() + 7 * DAY).toISOString() }, now);
  openConsultation(store, conversations, id, now);
  return id;
}
