import type { InboundHandler } from '../channels/channel';
import { DispatcherLoop } from '../outbox/dispatcher-loop';
import type { App } from './create-app';
import type { ServedChannel } from './configured-channels';

/** Channels being served; `stop` ends receiving, then waits for the sends under way. */
export interface Serving {
  stop(): Promise<void>;
}

/** How often due messages (retries, scheduled ones) are looked for, besides after each inbound message. */
const DISPATCH_INTERVAL_MS = 1_000;
/** How often due reminders are looked for: their due times are minutes apart at the least. */
const SCHEDULER_INTERVAL_MS = 30_000;

/**
 * Serves channels: inbound messages go through the conversation service (one transaction each),
 * a dispatcher loop delivers the outbox, kicked after every message, and the scheduler queues
 * due reminders every 30 seconds. Rows a previous process left half-sent are queued again first.
 */
export async function serveChannels(app: App, channels: readonly ServedChannel[], dispatchIntervalMs = DISPATCH_INTERVAL_MS): Promise<Serving> {
  const dispatcher = app.dispatcher(channels);
  dispatcher.recover();
  const loop = new DispatcherLoop(dispatcher, dispatchIntervalMs, app.logger);
  const handler: InboundHandler = async (message) => {
    const result = app.conversations.handle(message);
    loop.kick();
    return result;
  };
  loop.start();
  const schedule = () => {
    if (app.runScheduler(app.clock.now()).messages > 0) loop.kick();
  };
  schedule();
  const scheduler = setInterval(schedule, SCHEDULER_INTERVAL_MS);
  const started: ServedChannel[] = [];
  const stop = async () => {
    clearInterval(scheduler);
    for (const channel of started.reverse()) await channel.stop();
    await loop.stop();
  };
  try {
    for (const channel of channels) {
      await channel.start(handler);
      started.push(channel);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
