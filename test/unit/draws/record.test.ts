import { createHash } from 'node:crypto';
import { commitmentOf, canonicalJson, type Json } from '../../../src/draws/record/canonical-json';
import { drawFromLottery, lotteryFrom, type CategoryQuotas } from '../../../src/draws/record/lottery';
import { RECORD_FORMAT, recordDigest, roundCommitment, type PreparedDraw, type PublicRecord } from '../../../src/draws/record/public-record';
import { replacementBasis } from '../../../src/draws/record/replacement';
import { normalizeSeed, replacementSeed, uniformFromText } from '../../../src/draws/record/seed';
import { verifyRecord } from '../../../src/draws/record/verify-record';
import { loadSolver } from '../../../src/draws/selection/highs-solver';
import { leximin, TOLERANCE } from '../../../src/draws/selection/leximin';
import type { Solver } from '../../../src/draws/selection/linear-program';
import { lotteryProblem } from '../../../src/draws/record/lottery';
import { seededRandom } from '../../../src/lib/seeded-random';

let solver: Solver;
beforeAll(async () => {
  solver = await loadSolver();
});

const categories: CategoryQuotas[] = [
  { field: 'gender', values: [{ value: 'man', min: 2, max: 3 }, { value: 'woman', min: 2, max: 3 }] },
  { field: 'age_bracket', values: [{ value: '16_24', min: 1, max: 2 }, { value: '35_49', min: 1, max: 3 }, { value: '65_79', min: 1, max: 2 }] },
];

/** 24 people with skewed values, pseudonyms P00…P23. */
function entries(): { pseudonym: string; values: string[] }[] {
  const random = seededRandom(11);
  return Array.from({ length: 24 }, (_, i) => ({
    pseudonym: `P${String(i).padStart(2, '0')}`,
    values: [random() < 0.7 ? 'woman' : 'man', ['16_24', '35_49', '65_79'][Math.min(2, Math.floor(random() ** 2 * 3))] as string],
  }));
}

function prepare(): PreparedDraw {
  const base = { panel_size: 5, categories };
  const result = leximin(solver, lotteryProblem({ ...base, pool: entries().map((e) => ({ ...e, probability: 0 })) }).problem);
  return {
    format: RECORD_FORMAT,
    draw: { id: 1, name: { fr: 'Essai', en: 'Trial' }, city: 'Poitiers', prepared_at: '2026-12-01T10:00:00.000Z', seed_source: 'Loto du 2 décembre' },
    method: { algorithm: 'leximin', solver: 'HiGHS', tolerance: TOLERANCE },
    ...lotteryFrom(base, entries(), result),
  };
}

/** A record drawn with `seed`, whose first two members accepted and the others declined, with one replacement round. */
function fullRecord(seed: string): PublicRecord {
  const prepared = prepare();
  const drawn = drawFromLottery(prepared, normalizeSeed(seed));
  const held = drawn.panel.slice(0, 2);
  const freed = drawn.panel.slice(2);
  const basis = replacementBasis(prepared, new Set(drawn.panel), held);
  const problem = lotteryProblem({ panel_size: basis.seats, categories: basis.categories, pool: basis.candidates.map((c) => ({ ...c, probability: 0 })) }).problem;
  const lottery = lotteryFrom({ panel_size: basis.seats, categories: basis.categories }, basis.candidates, leximin(solver, problem));
  const roundSeed = replacementSeed(drawn.seed, 1);
  const content = { ...lottery, ...drawFromLottery(lottery, roundSeed), round: 1, at: '2026-12-10T10:00:00.000Z', held, freed, relaxed: false };
  const round = { ...content, commitment: roundCommitment(content) };
  const answers = Object.fromEntries([...held.map((p) => [p, 'accepted']), ...freed.map((p) => [p, 'declined']), ...round.panel.map((p) => [p, 'waiting'])]);
  const record = { commitment: commitmentOf(prepared as unknown as Json), prepared, drawn: { ...drawn, at: '2026-12-03T10:00:00.000Z' }, replacements: [round], answers };
  return { ...record, digest: recordDigest(record) };
}

describe('seeds', () => {
  test('a seed gives a number in [0, 1) that anyone can recompute from its SHA-256', () => {
    // printf '%s' '12 25 31 40 47' | sha256sum → first 13 hex digits / 2^52
    const u = uniformFromText('12 25 31 40 47');
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
    const hex = createHash('sha256').update('12 25 31 40 47').digest('hex');
    expect(u).toBe(Number.parseInt(hex.slice(0, 13), 16) / 4503599627370496);
    expect(normalizeSeed('  12 25 31 40 47\n')).toBe('12 25 31 40 47');
    expect(replacementSeed(' 12 25 ', 2)).toBe('12 25/replacement-2');
  });

  test('canonical JSON sorts keys and reads back to the same text', () => {
    const value = { b: [1, 0.1, { d: 'é', c: null }], a: true };
    const text = canonicalJson(value);
    expect(text).toBe('{"a":true,"b":[1,0.1,{"c":null,"d":"é"}]}');
    expect(canonicalJson(JSON.parse(text) as Json)).toBe(text);
  });
});

describe('drawing from a lottery', () => {
  test('the same seed gives the same panel on every run; another seed, another panel', () => {
    const prepared = prepare();
    const first = drawFromLottery(prepared, '3 14 15 92 65');
    for (let i = 0; i < 2; i++) expect(drawFromLottery(prepare(), '3 14 15 92 65')).toEqual(first);
    const others = ['1', '2', '3', '4', '5', '6'].map((s) => drawFromLottery(prepared, s).panel.join(','));
    expect(new Set([...others, first.panel.join(',')]).size).toBeGreaterThan(1);
  });

  test('every panel drawn meets the quotas, and people are drawn about as often as their probability says', () => {
    const prepared = prepare();
    const valuesOf = new Map(prepared.pool.map((e) => [e.pseudonym, e.values]));
    const times = new Map<string, number>();
    const runs = 3000;
    for (let i = 0; i < runs; i++) {
      const { panel } = drawFromLottery(prepared, `seed ${i}`);
      expect(panel).toHaveLength(5);
      categories.forEach((category, c) =>
        category.values.forEach((quota) => {
          const seats = panel.filter((p) => valuesOf.get(p)?.[c] === quota.value).length;
          expect(seats).toBeGreaterThanOrEqual(quota.min);
          expect(seats).toBeLessThanOrEqual(quota.max);
        }),
      );
      for (const p of panel) times.set(p, (times.get(p) ?? 0) + 1);
    }
    for (const entry of prepared.pool) expect(Math.abs((times.get(entry.pseudonym) ?? 0) / runs - entry.probability)).toBeLessThan(0.05);
  });

  test('replacements keep the quotas: people holding seats and people drawn in the round together meet every quota', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      const record = fullRecord(seed);
      const round = record.replacements[0];
      if (!round) throw new Error('a round is expected');
      const panel = [...round.held, ...round.panel];
      const valuesOf = new Map(record.prepared.pool.map((e) => [e.pseudonym, e.values]));
      expect(panel).toHaveLength(5);
      expect(new Set(panel).size).toBe(5);
      record.prepared.categories.forEach((category, c) =>
        category.values.forEach((quota) => {
          const seats = panel.filter((p) => valuesOf.get(p)?.[c] === quota.value).length;
          expect(seats).toBeGreaterThanOrEqual(quota.min);
          expect(seats).toBeLessThanOrEqual(quota.max);
        }),
      );
      for (const p of round.panel) expect(record.drawn?.panel).not.toContain(p);
    }
  });
});

describe('verifying a public record', () => {
  test('a record as exported passes every check', () => {
    const verification = verifyRecord(solver, JSON.parse(JSON.stringify(fullRecord('12 25 31 40 47'))));
    expect(verification.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.checks.map((c) => `${c.round}:${c.check}`)).toEqual([
      '0:digest',
      '0:commitment',
      '0:panels_meet_quotas',
      '0:distribution_total',
      '0:probabilities_match_distribution',
      '0:probabilities_are_leximin',
      '0:seed_picks_panel',
      '1:replacement_commitment',
      '1:replacement_seed',
      '1:replacement_basis',
      '1:panels_meet_quotas',
      '1:distribution_total',
      '1:probabilities_match_distribution',
      '1:probabilities_are_leximin',
      '1:seed_picks_panel',
    ]);
  });

  test('changing one byte anywhere in the exported file makes verify fail', () => {
    const text = JSON.stringify(fullRecord('12 25 31 40 47'), null, 2);
    const random = seededRandom(5);
    // Bytes that are not layout: changing a space or a newline changes no value.
    const positions = [...text].flatMap((ch, i) => (/\s/.test(ch) ? [] : [i]));
    let tried = 0;
    for (let n = 0; n < 40; n++) {
      const at = positions[Math.floor(random() * positions.length)] ?? 0;
      const original = text.charCodeAt(at);
      const changed = String.fromCharCode(original === 0x30 ? 0x31 : original === 0x7a ? 0x79 : original + 1);
      const altered = text.slice(0, at) + changed + text.slice(at + 1);
      let parsed: unknown;
      try {
        parsed = JSON.parse(altered);
      } catch {
        continue; // Not JSON any more: verify says so (tested below).
      }
      tried += 1;
      // A digit past a number's precision reads back as the same number: no value changed.
      if (canonicalJson(parsed as Json) === canonicalJson(JSON.parse(text) as Json)) continue;
      expect({ at, ok: verifyRecord(solver, parsed).ok }).toEqual({ at, ok: false });
    }
    expect(tried).toBeGreaterThan(15);
  });

  test('targeted changes are each caught by the check that concerns them', () => {
    const record = fullRecord('12 25 31 40 47');
    const failing = (changed: unknown) => verifyRecord(solver, changed).checks.filter((c) => !c.ok).map((c) => `${c.round}:${c.check}`);
    // Each change made with the digest recomputed, as a forger would: the other checks still catch it.
    const forged = (changed: Omit<PublicRecord, 'digest'>) => failing({ ...changed, digest: recordDigest(changed) });
    expect(forged({ ...record, drawn: { ...(record.drawn as NonNullable<PublicRecord['drawn']>), seed: '12 25 31 40 48' } })).toContain('0:seed_picks_panel');
    expect(forged({ ...record, commitment: 'f'.repeat(64) })).toEqual(['0:commitment']);
    const round = record.replacements[0] as PublicRecord['replacements'][number];
    const moved = { ...round, held: round.held.slice(1), freed: [...round.freed, ...round.held.slice(0, 1)] };
    expect(forged({ ...record, replacements: [{ ...moved, commitment: roundCommitment(moved) }] })).toContain('1:replacement_basis');
    expect(failing({ ...record, answers: {} })).toEqual(['0:digest']);
    expect(verifyRecord(solver, { hello: 'world' }).checks).toEqual([expect.objectContaining({ check: 'format', ok: false })]);
  });
});
