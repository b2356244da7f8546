import { requestLanguage } from '../../../src/web/request-language';

test.each([
  [undefined, undefined, 'fr'],
  [undefined, 'en-GB,en;q=0.9', 'en'],
  [undefined, 'de-DE,de;q=0.9,en;q=0.8,fr;q=0.7', 'en'],
  [undefined, 'fr;q=0.5, en;q=0.8', 'en'],
  [undefined, 'en;q=0, fr', 'fr'],
  [undefined, 'es, it', 'fr'],
  [undefined, 'garbage;;;q=x', 'fr'],
  ['en', 'fr-FR', 'en'],
  ['xx', 'en', 'en'],
] as const)('chosen %s, browser %s: %s', (chosen, accept, expected) => {
  expect(requestLanguage(chosen, accept, 'fr')).toBe(expected);
});
