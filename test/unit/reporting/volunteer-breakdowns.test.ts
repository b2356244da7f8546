import { loadCity } from '../../../src/config/city';
import { volunteerBreakdowns } from '../../../src/reporting/volunteer-breakdowns';

const poitiers = loadCity('poitiers');

const ages = (counts: Record<string, number>) => volunteerBreakdowns({ age_bracket: counts }, poitiers, true).find((b) => b.field === 'age_bracket');

test('agents see every count; the public sees none below 5', () => {
  const byField = { gender: { woman: 12, man: 9, other: 2 } };
  const forAgents = volunteerBreakdowns(byField, poitiers, false).find((b) => b.field === 'gender');
  expect(forAgents?.rows.map((r) => r.count)).toEqual([12, 9, 2, 0]);
  const published = volunteerBreakdowns(byField, poitiers, true).find((b) => b.field === 'gender');
  // other (2) and undisclosed (0) add up to 2: the smallest shown cell goes too, so that 2 cannot be worked out.
  expect(published?.rows.map((r) => r.count)).toEqual([12, null, null, null]);
  expect(published?.total).toBe(23);
});

test('hidden cells add up to at least 5, or nothing, or are every cell (fewer than 5 in all), whatever the counts', () => {
  const cases: Record<string, number>[] = [{ '16_24': 1 }, { '16_24': 3, '25_34': 40, '35_49': 6 }, { '16_24': 4, '25_34': 4, '35_49': 30 }, { '16_24': 50 }, {}];
  for (const counts of cases) {
    const rows = ages(counts)?.rows ?? [];
    const hidden = rows.filter((r) => r.count === null).map((r) => counts[r.value] ?? 0);
    const sum = hidden.reduce((a, b) => a + b, 0);
    expect({ counts, ok: sum === 0 || sum >= 5 || hidden.length === rows.length }).toEqual({ counts, ok: true });
    expect(rows.filter((r) => r.count !== null && r.count < 5 && r.count > 0)).toEqual([]);
  }
});

test('the city\'s population shares sit beside the volunteers\' when the city file gives them', () => {
  const city = { ...poitiers, population: { equipment: { smartphone: 600, computer: 250, none: 150 } } };
  const equipment = volunteerBreakdowns({ equipment: { smartphone: 10, computer: 5, none: 5 } }, city, false).find((b) => b.field === 'equipment');
  expect(equipment?.rows.map((r) => [r.value, r.share, r.populationShare])).toEqual([
    ['smartphone', 0.5, 0.6],
    ['computer', 0.25, 0.25],
    ['none', 0.25, 0.15],
  ]);
  expect(volunteerBreakdowns({}, city, false).find((b) => b.field === 'gender')?.rows.every((r) => r.populationShare === null)).toBe(true);
});
