import { openTempStore, type TempStore } from './temp-store';

let t: TempStore;

beforeEach(() => {
  t = openTempStore();
});

afterEach(() => {
  t.close();
});

describe('SqliteStatsRepo', () => {
  test('no counter before anything happened', () => {
    expect(t.store.stats.counters()).toEqual([]);
  });

  test('increments accumulate per counter and per month', () => {
    const { stats } = t.store;
    stats.increment('inbound_message', new Date('2026-01-03T10:00:00.000Z'));
    stats.increment('inbound_message', new Date('2026-01-20T10:00:00.000Z'));
    stats.increment('inbound_message', new Date('2026-01-31T12:00:00.000Z'), 3);
    stats.increment('inbound_message', new Date('2026-02-14T10:00:00.000Z'));
    stats.increment('opt_out', new Date('2026-01-15T10:00:00.000Z'));
    stats.increment('message_sent', new Date('2025-12-24T10:00:00.000Z'), 10);
    expect(stats.counters()).toEqual([
      { name: 'message_sent', month: '2025-12', value: 10 },
      { name: 'inbound_message', month: '2026-01', value: 5 },
      { name: 'opt_out', month: '2026-01', value: 1 },
      { name: 'inbound_message', month: '2026-02', value: 1 },
    ]);
  });

  test('counters survive the people they counted', () => {
    const personId = t.store.people.create('fr', new Date('2026-01-03T10:00:00.000Z'));
    t.store.stats.increment('person_erased', new Date('2026-01-03T11:00:00.000Z'));
    t.store.people.delete(personId);
    expect(t.store.stats.counters()).toEqual([{ name: 'person_erased', month: '2026-01', value: 1 }]);
  });
});
