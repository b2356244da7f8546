import { leximin, TOLERANCE } from '../selection/leximin';
import type { Solver } from '../selection/linear-program';
import { groupProbabilities, profileMeetsQuotas, type Profile } from '../selection/selection-problem';
import { commitmentOf, type Json } from './canonical-json';
import { drawFromLottery, groupKey, lotteryProblem, profileOfPanel, type DrawOutcome, type Lottery } from './lottery';
import { publicRecordSchema, recordDigest, roundCommitment, type PublicRecord } from './public-record';
import { looserOrEqual, replacementBasis } from './replacement';
import { replacementSeed } from './seed';

/** What is checked, in the order it is checked. Persisted in no table: the CLI words each one. */
export type CheckName =
  | 'format'
  | 'digest'
  | 'commitment'
  | 'panels_meet_quotas'
  | 'distribution_total'
  | 'probabilities_match_distribution'
  | 'probabilities_are_leximin'
  | 'seed_picks_panel'
  | 'replacement_commitment'
  | 'replacement_seed'
  | 'replacement_basis';

/** One check: on the draw (round 0) or a replacement round, passed or not, with figures to show. */
export interface RecordCheck {
  readonly check: CheckName;
  readonly round: number;
  readonly ok: boolean;
  readonly detail?: Readonly<Record<string, string | number>>;
}

/** Every check, and whether all passed. */
export interface Verification {
  readonly ok: boolean;
  readonly checks: readonly RecordCheck[];
  /** The record, when it could be read. */
  readonly record: PublicRecord | null;
}

/** Sums are compared to 1, and marginals to the distribution, to within rounding. */
const ARITHMETIC = 1e-9;

function sameOutcome(a: DrawOutcome, b: DrawOutcome): boolean {
  return a.seed === b.seed && a.uniform === b.uniform && a.panel_index === b.panel_index && a.panel.length === b.panel.length && a.panel.every((p, i) => p === b.panel[i]);
}

/** The checks of one lottery: its panels, its probabilities against its distribution and against leximin, and what the seed drew. */
function lotteryChecks(solver: Solver, lottery: Lottery, tolerance: number, round: number, outcome: DrawOutcome | null): RecordCheck[] {
  const checks: RecordCheck[] = [];
  let read: ReturnType<typeof lotteryProblem>;
  try {
    read = lotteryProblem(lottery);
  } catch (error) {
    return [{ check: 'format', round, ok: false, detail: { reason: (error as Error).message } }];
  }
  const { problem, groupKeys } = read;
  const profiles = lottery.distribution.map((share) => profileOfPanel(share.panel, groupKeys));
  const invalid = profiles.filter((p) => p === null || !profileMeetsQuotas(problem, p)).length;
  checks.push({ check: 'panels_meet_quotas', round, ok: invalid === 0, detail: { panels: profiles.length, invalid } });
  const total = lottery.distribution.reduce((sum, share) => sum + share.probability, 0);
  checks.push({ check: 'distribution_total', round, ok: Math.abs(total - 1) <= ARITHMETIC, detail: { total } });
  const usable = profiles.every((p) => p !== null);
  const marginals = usable ? groupProbabilities(problem, { panels: profiles.map((profile, i) => ({ profile: profile as Profile, probability: lottery.distribution[i]?.probability ?? 0 })) }) : [];
  const groupIndex = new Map(groupKeys.map((k, g) => [k, g]));
  const published = (entry: Lottery['pool'][number]) => marginals[groupIndex.get(groupKey(entry.values)) ?? -1] ?? Number.NaN;
  const off = lottery.pool.filter((entry) => !(Math.abs(entry.probability - published(entry)) <= ARITHMETIC)).length;
  checks.push({ check: 'probabilities_match_distribution', round, ok: usable && off === 0, detail: { people: lottery.pool.length, off } });
  const recomputed = lottery.pool.length > 0 ? leximin(solver, problem).probabilities : [];
  const gaps = lottery.pool.map((entry) => Math.abs(entry.probability - (recomputed[groupIndex.get(groupKey(entry.values)) ?? -1] ?? Number.NaN)));
  const largest = gaps.reduce((max, gap) => (Number.isNaN(gap) ? Number.POSITIVE_INFINITY : Math.max(max, gap)), 0);
  checks.push({ check: 'probabilities_are_leximin', round, ok: largest <= tolerance, detail: { largest_gap: largest, tolerance } });
  if (outcome) {
    let drawn: DrawOutcome | null = null;
    try {
      drawn = drawFromLottery(lottery, outcome.seed);
    } catch {
      drawn = null;
    }
    checks.push({ check: 'seed_picks_panel', round, ok: drawn !== null && sameOutcome(drawn, outcome), detail: { uniform: drawn?.uniform ?? Number.NaN, panel_number: (drawn?.panel_index ?? -2) + 1 } });
  }
  return checks;
}

/** The checks of replacement rounds: each one's commitment, seed, who and which quotas it drew for, then its lottery. */
function replacementChecks(solver: Solver, record: PublicRecord, tolerance: number): RecordCheck[] {
  const checks: RecordCheck[] = [];
  const invited = new Set(record.drawn?.panel ?? []);
  for (const round of record.replacements) {
    checks.push({ check: 'replacement_commitment', round: round.round, ok: roundCommitment(round) === round.commitment, detail: { computed: roundCommitment(round) } });
    const seedOk = record.drawn !== null && round.seed === replacementSeed(record.drawn.seed, round.round);
    checks.push({ check: 'replacement_seed', round: round.round, ok: seedOk });
    const basis = replacementBasis(record.prepared, invited, round.held);
    const everyone = [...round.held, ...round.freed];
    const accounted = everyone.length === invited.size && everyone.every((p) => invited.has(p)) && new Set(everyone).size === everyone.length;
    const sameCandidates =
      basis.candidates.length === round.pool.length &&
      round.pool.every((entry) => {
        const candidate = basis.candidates.find((c) => c.pseudonym === entry.pseudonym);
        return candidate !== undefined && groupKey(candidate.values) === groupKey(entry.values);
      });
    const quotasOk = round.relaxed ? looserOrEqual(round.categories, basis.categories) : looserOrEqual(round.categories, basis.categories) && looserOrEqual(basis.categories, round.categories);
    checks.push({
      check: 'replacement_basis',
      round: round.round,
      ok: accounted && sameCandidates && quotasOk && round.panel_size === basis.seats,
      detail: { held: round.held.length, freed: round.freed.length, candidates: round.pool.length, seats: round.panel_size, relaxed: round.relaxed ? 'yes' : 'no' },
    });
    checks.push(...lotteryChecks(solver, round, tolerance, round.round, round));
    for (const p of round.panel) invited.add(p);
  }
  return checks;
}

/**
 * Reruns a draw from its public record alone: the digest is the SHA-256 of the whole record (no
 * value was changed since it was exported); the commitment is the SHA-256 of the prepared part;
 * every panel of the distribution meets the quotas; the distribution sums to 1 and gives each
 * person the probability published for them; those probabilities are the leximin ones (recomputed
 * from the pool and quotas, within the stated tolerance: several distributions can be optimal, the
 * probabilities cannot); the seed picks the published panel; and each replacement round, with its
 * derived seed, drew for the seats freed among the people never invited, for the quotas left.
 */
export function verifyRecord(solver: Solver, raw: unknown): Verification {
  const parsed = publicRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).slice(0, 3).join('; ');
    return { ok: false, checks: [{ check: 'format', round: 0, ok: false, detail: { reason } }], record: null };
  }
  const record = parsed.data as PublicRecord;
  const commitment = commitmentOf(record.prepared as unknown as Json);
  const digest = recordDigest(record);
  const checks: RecordCheck[] = [
    { check: 'digest', round: 0, ok: digest === record.digest, detail: { computed: digest } },
    { check: 'commitment', round: 0, ok: commitment === record.commitment, detail: { computed: commitment } },
  ];
  // The tolerance is ours, not the record's: a record cannot widen it.
  const tolerance = TOLERANCE;
  checks.push(...lotteryChecks(solver, record.prepared, tolerance, 0, record.drawn));
  checks.push(...replacementChecks(solver, record, tolerance));
  return { ok: checks.every((c) => c.ok), checks, record };
}
