import type { App } from '../src/app/create-app';
import type { InboundHandler } from '../src/channels/channel';
import { seededRandom } from '../src/lib/seeded-random';
import { listVolunteers } from '../src/volunteers/list-volunteers';
import { positiveInteger } from './bench-support';
import { summariseNs, type LatencySummary } from './latency';
import { cpuSince, type CpuTime } from './measures';
import { MESSAGES_PER_RESIDENT, scriptResidents, type ScriptedResident } from './registration-script';

/**
 * Residents registered before measuring (JIT, prepared statements, i18next), excluded from the
 * figures: 2,200 messages, enough for V8 to have optimised the hot paths, as in a bot that has
 * been running for a minute.
 */
export const WARMUP_RESIDENTS = 200;

/** The figures of a measured run of registrations. */
export interface RegistrationFigures {
  readonly residents: number;
  readonly concurrency: number;
  readonly messages: number;
  readonly seconds: number;
  readonly messagesPerSecond: number;
  /** Per message, handed in → done. */
  readonly latency: LatencySummary;
  readonly cpu: CpuTime;
  /** CPU time (all threads) per message, in milliseconds. */
  readonly cpuMsPerMessage: number;
}

/** How many residents register, how many messages are in flight, and the seed that varies their answers. */
export interface ScriptOptions {
  readonly residents: number;
  readonly concurrency: number;
  readonly seed: number;
}

/** The command-line options of the benchmarks that run registrations, with their defaults. */
export const SCRIPT_OPTIONS = { residents: { default: '3000' }, concurrency: { default: '100' }, seed: { default: '1' } };

/** Reads SCRIPT_OPTIONS' values. */
export function scriptOptions(values: Record<string, string | undefined>): ScriptOptions {
  return { residents: positiveInteger('--residents', values.residents), concurrency: positiveInteger('--concurrency', values.concurrency), seed: positiveInteger('--seed', values.seed) };
}

/** A run of scripted conversations through a handler, and its figures. */
export interface ConversationRun {
  readonly messages: number;
  readonly seconds: number;
  readonly cpu: CpuTime;
  readonly latenciesNs: Float64Array;
}

/**
 * Sends every resident's script through `handle` with `concurrency` messages in flight: the
 * residents are dealt into `concurrency` lanes, and each lane sends message k of each of its
 * residents, waiting for each to be done, before message k+1 of any, so that all conversations
 * are open at once, as in a real city, and a resident's messages stay in order. A message is
 * done once committed, or, with `answered`, once that resolves after the commit (end to end:
 * once the replies have reached the resident).
 */
export async function sendScripts(
  residents: readonly ScriptedResident[],
  concurrency: number,
  handle: InboundHandler,
  answered: (address: string) => Promise<void> = async () => undefined,
): Promise<ConversationRun> {
  const latenciesNs = new Float64Array(residents.length * MESSAGES_PER_RESIDENT);
  let count = 0;
  const lanes = Array.from({ length: Math.min(concurrency, residents.length) }, (_, lane) => residents.filter((_, i) => i % concurrency === lane));
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    lanes.map(async (lane) => {
      for (let k = 0; k < MESSAGES_PER_RESIDENT; k++) {
        for (const resident of lane) {
          const text = resident.messages[k] ?? '';
          const before = process.hrtime.bigint();
          const { outcome } = await handle({ channel: 'console', address: resident.address, externalId: `${resident.address}#${k}`, text });
          if (outcome !== 'processed') throw new Error(`${resident.address} message ${k} (${JSON.stringify(text)}): ${outcome}`);
          await answered(resident.address);
          latenciesNs[count++] = Number(process.hrtime.bigint() - before);
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { messages: count, seconds, cpu: cpuSince(cpuBefore), latenciesNs: latenciesNs.subarray(0, count) };
}

/**
 * Warm-up residents register first (JIT, prepared statements, i18next: excluded from the figures),
 * then `measuring()` is called and the measured residents register (see sendScripts); fails
 * unless every one of them ends up a volunteer with the profile they typed.
 */
export async function measureRegistrations(
  app: App,
  options: ScriptOptions,
  handle: InboundHandler,
  answered?: (address: string) => Promise<void>,
  measuring: () => void = () => undefined,
): Promise<RegistrationFigures> {
  const random = seededRandom(options.seed);
  const warmup = scriptResidents('warmup', WARMUP_RESIDENTS, random);
  const residents = scriptResidents('resident', options.residents, random);
  await sendScripts(warmup, options.concurrency, handle, answered);
  measuring();
  const run = await sendScripts(residents, options.concurrency, handle, answered);
  const problems = registrationProblems(app, [...warmup, ...residents]);
  if (problems.length > 0) throw new Error(`registration check failed: ${problems.slice(0, 10).join('; ')}`);
  return {
    residents: options.residents,
    concurrency: options.concurrency,
    messages: run.messages,
    seconds: run.seconds,
    messagesPerSecond: run.messages / run.seconds,
    latency: summariseNs(run.latenciesNs),
    cpu: run.cpu,
    cpuMsPerMessage: (run.cpu.totalSeconds * 1000) / run.messages,
  };
}

/** Problems with the registrations: every scripted resident must be a volunteer with the profile they typed. */
function registrationProblems(app: App, residents: readonly ScriptedResident[]): string[] {
  const volunteers = listVolunteers(app.store, app.settings.city);
  const problems: string[] = [];
  if (volunteers.length !== residents.length) problems.push(`${volunteers.length} volunteers for ${residents.length} scripted residents`);
  const byAddress = new Map<string, { firstName: string; neighbourhood: string }>();
  for (const v of volunteers) {
    for (const c of v.contact_points) if (c.channel === 'console') byAddress.set(c.address, { firstName: v.first_name, neighbourhood: v.neighbourhood });
  }
  for (const r of residents) {
    const found = byAddress.get(r.address);
    if (!found) problems.push(`${r.address} is not registered (script: ${JSON.stringify(r.messages)})`);
    else if (found.firstName !== r.expected.firstName || found.neighbourhood !== r.expected.neighbourhood) {
      problems.push(`${r.address} registered as ${JSON.stringify(found)}, expected ${JSON.stringify(r.expected)}`);
    }
  }
  return problems;
}
