import { InboundCommitter } from '../conversation/inbound-committer';
import { DispatcherLoop } from '../outbox/dispatcher-loop';
import type { ChannelKind } from '../domain/channel-kind';
import type { App } from './create-app';
import { listenSettingOf, type ServedChannel } from './configured-channels';

/** A channel could not start; `listenSetting` names the address setting when it is the address that failed. */
export class ChannelStartError extends Error {
  constructor(
    readonly channel: ChannelKind,
    cause: unknown,
    readonly listenSetting: string | null,
    readonly listenAddress: string | null,
  ) {
    super(`${channel}: ${(cause as Error | null)?.message ?? String(cause)}`, { cause });
    this.name = 'ChannelStartError';
  }
}

/** Channels being served. */
export interface Serving {
  /** Ends receiving, then waits for the sends under way. */
  stop(): Promise<void>;
  /**
   * Settles with the error if a channel stopped receiving for a reason it cannot recover from
   * (a revoked token): the process should then stop and exit non-zero, for a supervisor to see.
   */
  readonly failed: Promise<ChannelStopped>;
}

/** A channel that stopped receiving for good, and why. */
export interface ChannelStopped {
  readonly channel: ChannelKind;
  readonly error: Error;
}

/** How often due messages (retries, scheduled ones) are looked for, besides after each inbound message. */
const DISPATCH_INTERVAL_MS = 1_000;
/** How often due reminders are looked for: their due times are minutes apart at the least. */
const SCHEDULER_INTERVAL_MS = 30_000;

/**
 * Serves channels: inbound messages are committed in groups (InboundCommitter: one transaction
 * per group, acknowledged to the channel only after it), a dispatcher loop delivers the outbox,
 * kicked after every commit, and the scheduler queues due reminders every 30 seconds. Rows a
 * previous process left half-sent are queued again first: call this only while holding the
 * database's serving lock (see takeServingLock), or they could be another live process's.
 * When the database cannot be written for a while, nothing stops: each part retries.
 */
export async function serveChannels(app: App, channels: readonly ServedChannel[], dispatchIntervalMs = DISPATCH_INTERVAL_MS): Promise<Serving> {
  const dispatcher = app.dispatcher(channels);
  dispatcher.recover();
  const loop = new DispatcherLoop(dispatcher, dispatchIntervalMs, app.logger, app.outage('sender'));
  const committer = new InboundCommitter(app.store.db, (message) => app.conversations.handleInTransaction(message), app.outage('inbound'), () => loop.kick());
  loop.start();
  const schedulerOutage = app.outage('scheduler');
  const schedule = () => {
    try {
      const run = app.runScheduler(app.clock.now());
      if (run.messages > 0) loop.kick();
      void run.replacing.then((invited) => invited > 0 && loop.kick());
      schedulerOutage.succeeded();
    } catch (error) {
      // The next run (30 s later) catches up: reminders are rows with due times.
      if (!schedulerOutage.failed(error)) app.logger.error('scheduler_failed', { error: (error as Error).message });
    }
  };
  schedule();
  const scheduler = setInterval(schedule, SCHEDULER_INTERVAL_MS);
  let fail: (stopped: ChannelStopped) => void = () => undefined;
  const failed = new Promise<ChannelStopped>((resolve) => {
    fail = resolve;
  });
  const started: ServedChannel[] = [];
  const stop = async () => {
    clearInterval(scheduler);
    for (const channel of started.reverse()) await channel.stop();
    await loop.stop();
  };
  for (const channel of channels) {
    try {
      await channel.start((message) => committer.submit(message), (error) => {
        app.logger.error('channel_stopped', { channel: channel.kind, error: error.message });
        fail({ channel: channel.kind, error });
      });
    } catch (error) {
      await stop();
      const listen = listenSettingOf(app.settings, channel.kind);
      throw new ChannelStartError(channel.kind, error, listen?.setting ?? null, listen?.address ?? null);
    }
    started.push(channel);
  }
  return { stop, failed };
}
