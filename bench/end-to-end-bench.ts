/**
 * End-to-end benchmark: Parlons served as `parlons start` serves it (serveChannels: group commit,
 * the sender kicked after each commit, the scheduler), through a channel on loopback that hands
 * residents' messages in and sends nowhere. Residents register, each answering only once the
 * bot's replies to their previous message have been sent, as people do; `--concurrency` of them
 * are waiting for the bot at any moment. Measures messages a second, message in → every reply
 * sent, and CPU time per message, receiving and sending together.
 *
 *   node dist/bench/end-to-end-bench.js [--residents 3000] [--concurrency 100] [--seed 1]
 */
import { serveChannels } from '../src/app/serve-channels';
import type { ServedChannel } from '../src/app/configured-channels';
import type { InboundHandler, RenderedMessage, SendResult } from '../src/channels/channel';
import { benchMain, withTemporaryApp } from './bench-support';
import { measureRegistrations, SCRIPT_OPTIONS, scriptOptions, type RegistrationFigures, type ScriptOptions } from './registration-run';
import { formatLatency } from './latency';
import { fixed } from './measures';
import { NowhereChannel } from './nowhere-channel';
import { MESSAGES_PER_RESIDENT } from './registration-script';

/** What the end-to-end benchmark measured (latency: handed in → last reply sent); also its BENCH_JSON line. */
export interface EndToEndResult extends RegistrationFigures {
  /** Replies sent (a message may have several). */
  readonly replies: number;
}

/**
 * A channel on loopback: it hands in what the benchmark's residents write, and sends nowhere,
 * counting what each resident was sent so that they can wait for it.
 */
class LoopbackChannel extends NowhereChannel implements ServedChannel {
  handle: InboundHandler = () => Promise.reject(new Error('not started'));
  private readonly sentTo = new Map<string, number>();
  private readonly waiting = new Map<string, { count: number; resolve: () => void }>();

  constructor() {
    super('console');
  }

  async start(handler: InboundHandler): Promise<void> {
    this.handle = handler;
  }

  async stop(): Promise<void> {}

  override async send(address: string, message: RenderedMessage): Promise<SendResult> {
    const result = await super.send(address, message);
    const sent = (this.sentTo.get(address) ?? 0) + 1;
    this.sentTo.set(address, sent);
    const waiter = this.waiting.get(address);
    if (waiter && sent >= waiter.count) {
      this.waiting.delete(address);
      waiter.resolve();
    }
    return result;
  }

  /** Resolves once `address` has been sent `count` messages in all. */
  sentAtLeast(address: string, count: number): Promise<void> {
    if ((this.sentTo.get(address) ?? 0) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(address, { count, resolve }));
  }
}

/** Runs the end-to-end benchmark on a fresh database. */
export async function runEndToEnd(options: ScriptOptions): Promise<EndToEndResult> {
  return withTemporaryApp(async (app) => {
    const channel = new LoopbackChannel();
    const serving = await serveChannels(app, [channel]);
    try {
      // Every reply queued for the resident and not cancelled (a question superseded in the
      // same turn) is sent: once that many have gone, the bot has had its say.
      const toSend = app.store.db
        .prepare<[string], number>(
          "SELECT count(*) FROM outbox o JOIN contact_point c ON c.id = o.contact_id WHERE c.channel = 'console' AND c.address = ? AND o.status <> 'cancelled'",
        )
        .pluck();
      const answered = (address: string) => channel.sentAtLeast(address, toSend.get(address) ?? 0);
      let repliesBefore = 0;
      const figures = await measureRegistrations(app, options, (m) => channel.handle(m), answered, () => (repliesBefore = channel.sent));
      return { ...figures, replies: channel.sent - repliesBefore };
    } finally {
      await serving.stop();
    }
  });
}

/** Its part of the report. */
export function formatEndToEnd(r: EndToEndResult): string {
  return [
    'End to end (message in → every reply sent through a no-op channel, as parlons start serves)',
    `  residents            ${r.residents} registering (${MESSAGES_PER_RESIDENT} messages each, answering once the bot has replied), ${r.concurrency} waiting for the bot at once`,
    `  throughput           ${fixed(r.messagesPerSecond, 0)} messages/s in, ${fixed(r.replies / r.seconds, 0)} replies/s out (${r.messages} messages in ${fixed(r.seconds, 2)} s)`,
    `  latency              ${formatLatency(r.latency)} (handed in → last reply sent)`,
    `  CPU                  ${fixed(r.cpuMsPerMessage, 3)} ms per message, receiving and sending (user ${fixed(r.cpu.userSeconds, 2)} s + system ${fixed(r.cpu.systemSeconds, 2)} s)`,
  ].join('\n');
}

if (require.main === module) {
  benchMain(SCRIPT_OPTIONS, (values) => runEndToEnd(scriptOptions(values)), formatEndToEnd);
}
