/**
 * Inbound benchmark: residents registering through the InboundCommitter, as channels hand their
 * messages in — `--concurrency` messages from as many residents in flight at once (a page of
 * Telegram updates, concurrent webhooks), each acknowledged once its group has committed. Measures
 * durable messages a second, the latency of each (handed in → committed), CPU time per message
 * and how many messages each commit carried; the replies are queued, not sent (see
 * end-to-end-bench for that).
 *
 *   node dist/bench/inbound-bench.js [--residents 3000] [--concurrency 100] [--seed 1]
 *
 * Prints its part of the report, then one `BENCH_JSON {...}` line. Exits 1 if a resident did not
 * end up registered: a benchmark of a broken path measures nothing.
 */
import { InboundCommitter } from '../src/conversation/inbound-committer';
import { benchMain, withTemporaryApp } from './bench-support';
import { formatLatency } from './latency';
import { fixed } from './measures';
import { measureRegistrations, SCRIPT_OPTIONS, scriptOptions, WARMUP_RESIDENTS, type RegistrationFigures, type ScriptOptions } from './registration-run';
import { MESSAGES_PER_RESIDENT } from './registration-script';

/** What the inbound benchmark measured; also its BENCH_JSON line. */
export interface InboundResult extends RegistrationFigures {
  /** Transactions committed, and messages per transaction on average. */
  readonly commits: number;
  readonly messagesPerCommit: number;
}

/** Runs the inbound benchmark on a fresh database. */
export async function runInbound(options: ScriptOptions): Promise<InboundResult> {
  return withTemporaryApp(async (app) => {
    let commits = 0;
    const committer = new InboundCommitter(app.store.db, (message) => app.conversations.handleInTransaction(message), app.outage('inbound'), () => commits++);
    const figures = await measureRegistrations(app, options, (message) => committer.submit(message), undefined, () => (commits = 0));
    return { ...figures, commits, messagesPerCommit: figures.messages / Math.max(1, commits) };
  });
}

/** Its part of the report. */
export function formatInbound(r: InboundResult): string {
  return [
    'Inbound (InboundCommitter: message in → state saved, reply queued, committed)',
    `  residents            ${r.residents} registering (${MESSAGES_PER_RESIDENT} messages each, ${WARMUP_RESIDENTS} more for warm-up), ${r.concurrency} messages in flight`,
    `  throughput           ${fixed(r.messagesPerSecond, 0)} messages/s durable (${r.messages} in ${fixed(r.seconds, 2)} s)`,
    `  latency              ${formatLatency(r.latency)} (handed in → committed)`,
    `  CPU                  ${fixed(r.cpuMsPerMessage, 3)} ms per message (user ${fixed(r.cpu.userSeconds, 2)} s + system ${fixed(r.cpu.systemSeconds, 2)} s)`,
    `  commits              ${r.commits}, ${fixed(r.messagesPerCommit, 1)} messages each`,
  ].join('\n');
}

if (require.main === module) {
  benchMain(SCRIPT_OPTIONS, (values) => runInbound(scriptOptions(values)), formatInbound);
}
