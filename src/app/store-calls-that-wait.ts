import { InboundNotCommitted } from '../channels/channel';
import type { StoreOutage } from '../store/store-outage';

/**
 * Wraps a store object a channel keeps its own state in (the Matrix sync position and rooms) so
 * that a call failing because the database cannot be written now throws InboundNotCommitted,
 * which channels know to retry without acknowledging anything, rather than a database error,
 * which they cannot tell from a bug (channels never import the store). The failure is told to
 * `outage`; its end is not, since a read can work while writes still fail: the inbound
 * messages' next commit (which shares `outage`) ends the episode.
 */
export function storeCallsThatWait<T extends object>(target: T, outage: StoreOutage): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          return value.apply(object, args) as unknown;
        } catch (error) {
          const problem = outage.failed(error);
          if (problem) throw new InboundNotCommitted(problem, outage.retryDelayMs());
          throw error;
        }
      };
    },
  });
}
