import { parseAudience } from '../../../src/broadcasts/audience';
import { loadCity } from '../../../src/config/city';

const city = loadCity('poitiers');

describe('parseAudience', () => {
  test.each([
    [[], [{ kind: 'all' }]],
    [['all'], [{ kind: 'all' }]],
    [['volunteers', 'neighbourhood:trois_cites'], [{ kind: 'volunteers' }, { kind: 'neighbourhood', neighbourhood: 'trois_cites' }]],
    [['neighbourhood:other'], [{ kind: 'neighbourhood', neighbourhood: 'other' }]],
    [['language:en'], [{ kind: 'language', language: 'en' }]],
    [['role:mediator'], [{ kind: 'role', role: 'mediator' }]],
  ])('%j', (specs, expected) => expect(parseAudience(specs, city)).toEqual(expected));

  test.each([
    [['everyone'], 'broadcast.unknown_audience'],
    [['all:x'], 'broadcast.unknown_audience'],
    [['language:de'], 'broadcast.unknown_audience'],
    [['role:mayor'], 'broadcast.unknown_audience'],
    [['neighbourhood:3cites'], 'broadcast.unknown_neighbourhood'],
  ])('%j is refused', (specs, key) => expect(parseAudience(specs, city)).toMatchObject({ key }));
});
