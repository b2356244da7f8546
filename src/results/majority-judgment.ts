/**
 * Majority judgment (Balinski & Laraki, "Majority Judgment: Measuring, Ranking, and Electing",
 * MIT Press 2011): every judge grades every proposal on one common scale of words, and proposals
 * are ranked by their median grade, with the "majority gauge" to break ties.
 *
 * WHY the median: it is the grade that a majority supports from both sides (at least half of the
 * judges gave it or better, at least half gave it or worse), so no group can drag a proposal up or
 * down by exaggerating, and words like "Bien" or "À rejeter" need no arithmetic mean.
 *
 * Conventions of this module: grades are indices into a scale ordered BEST FIRST (0 = best,
 * e.g. "Excellent"; last = worst, e.g. "À rejeter"). A proposal's merit profile is
 * `counts[g]` = number of judges who gave grade g. Everything is pure and exact: shares are
 * compared by cross-multiplying integers, never by floating-point equality.
 */

/** A merit profile: how many judges gave each grade, best grade first. */
export type MeritProfile = readonly number[];

/** "+" when more judges put the proposal above its majority grade than below it, else "-". */
export type GaugeSign = '+' | '-';

/** The majority gauge of a profile: its majority grade and what lies on each side of it. */
export interface MajorityGauge {
  /** The majority grade (lower median), an index into the best-first scale. */
  readonly grade: number;
  /** Judges who gave a grade strictly better than the majority grade. */
  readonly betterCount: number;
  /** Judges who gave a grade strictly worse than the majority grade. */
  readonly worseCount: number;
  /** All judges who graded the proposal. */
  readonly total: number;
  /** Share (0..1) of all grades strictly better than the majority grade. */
  readonly better: number;
  /** Share (0..1) of all grades strictly worse than the majority grade. */
  readonly worse: number;
  /** "+" when `better` > `worse`, else "-" (see {@link majorityGauge}). */
  readonly sign: GaugeSign;
}

/** What {@link rankProposals} adds to each proposal. */
export interface MajorityRanking {
  /** 1-based rank; proposals that are exactly tied share a rank (1, 1, 3). */
  readonly rank: number;
  /** Majority grade (index, best first), null when nobody graded the proposal. */
  readonly majorityGrade: number | null;
  /** Share (0..1) of grades strictly better than the majority grade (0 with no grade). */
  readonly better: number;
  /** Share (0..1) of grades strictly worse than the majority grade (0 with no grade). */
  readonly worse: number;
  /** Number of judges who graded the proposal. */
  readonly total: number;
}

/** Number of judges in a profile, after checking that every count is a whole number ≥ 0. */
function totalOf(counts: MeritProfile): number {
  let total = 0;
  for (const count of counts) {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`A merit profile holds whole numbers of judges (≥ 0), not ${count}.`);
    }
    total += count;
  }
  return total;
}

/**
 * The majority grade: the LOWER median grade, null when nobody graded the proposal.
 *
 * With the judges' grades sorted best first, it is the grade at position ⌊n/2⌋ + 1. For an even
 * number of judges the two middle grades may differ; Balinski & Laraki take the worse one, because
 * then a majority (more than half) gave the majority grade or better — the proposal is never
 * credited with a grade that only half of the judges support.
 */
export function majorityGrade(counts: MeritProfile): number | null {
  const total = totalOf(counts);
  if (total === 0) return null;
  const position = Math.floor(total / 2) + 1;
  let seen = 0;
  for (let grade = 0; grade < counts.length; grade++) {
    seen += counts[grade] ?? 0;
    if (seen >= position) return grade;
  }
  throw new Error('unreachable: the median position lies beyond the profile');
}

/**
 * The majority gauge (Balinski & Laraki 2011, "majority gauge" rule): the majority grade α, the
 * share p of grades strictly better than α and the share q strictly worse, and the sign "+" when
 * p > q (the proposal leans towards the grade above α), else "-" (it leans below; with the lower
 * median, a tie p = q also leans below). Null when nobody graded the proposal.
 */
export function majorityGauge(counts: MeritProfile): MajorityGauge | null {
  const grade = majorityGrade(counts);
  if (grade === null) return null;
  const total = totalOf(counts);
  let betterCount = 0;
  for (let g = 0; g < grade; g++) betterCount += counts[g] ?? 0;
  const worseCount = total - betterCount - (counts[grade] ?? 0);
  return {
    grade,
    betterCount,
    worseCount,
    total,
    better: betterCount / total,
    worse: worseCount / total,
    sign: betterCount > worseCount ? '+' : '-',
  };
}

/** Sign of `x`, as -1, 0 or 1. */
function signOf(x: number): number {
  return x < 0 ? -1 : x > 0 ? 1 : 0;
}

/** Compares shares a/totalA and b/totalB exactly, by cross-multiplying: negative when a's is smaller. */
function compareShares(a: number, totalA: number, b: number, totalB: number): number {
  const left = a * totalB;
  const right = b * totalA;
  if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right)) {
    throw new RangeError('Too many judges to compare these merit profiles exactly.');
  }
  return signOf(left - right);
}

/**
 * Compares two gauges with the majority-gauge rule; negative when `a` ranks first, 0 when the
 * gauges are equal (then only {@link compareMajorityValues} can tell the proposals apart).
 */
function compareGauges(a: MajorityGauge, b: MajorityGauge): number {
  if (a.grade !== b.grade) return signOf(a.grade - b.grade); // lower index = better grade
  if (a.sign !== b.sign) return a.sign === '+' ? -1 : 1;
  // Both "+": the larger share above α is closer to climbing to the next grade.
  if (a.sign === '+') return -compareShares(a.betterCount, a.total, b.betterCount, b.total);
  // Both "-": the larger share below α is closer to falling to the grade below.
  return compareShares(a.worseCount, a.total, b.worseCount, b.total);
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/** The grade at each position 1..total of the best-first sorted list, as runs: [end position, grade]. */
function gradeRuns(counts: MeritProfile, scale: number): Array<readonly [number, number]> {
  const runs: Array<readonly [number, number]> = [];
  let end = 0;
  counts.forEach((count, grade) => {
    if (count === 0) return;
    end += count * scale;
    runs.push([end, grade]);
  });
  return runs;
}

/**
 * The last step of majority judgment, for two profiles with equal majority gauges: remove one
 * grade equal to the majority grade from each profile, compare the new majority grades, and
 * repeat; the profiles are equal when they run out together. The sequence of grades removed is
 * Balinski & Laraki's "majority value".
 *
 * To compare shares rather than head counts, both profiles are first scaled to the same number of
 * judges L (the least common multiple of their totals): that is exact, and does not change the
 * outcome since scaling every count of both profiles by the same factor never changes it.
 *
 * Removing medians one at a time visits the positions of the best-first sorted list in a fixed
 * order that depends only on L: outwards from the middle, the worse side first when two positions
 * are as close to the middle. So instead of looping up to L times, we find directly the position
 * nearest to the middle (in that order) where the two sorted lists hold different grades: the
 * proposal with the better grade there ranks first.
 */
function compareMajorityValues(a: MeritProfile, totalA: number, b: MeritProfile, totalB: number): number {
  const divisor = greatestCommonDivisor(totalA, totalB);
  const common = (totalA / divisor) * totalB;
  if (!Number.isSafeInteger(common)) throw new RangeError('Too many judges to compare these merit profiles exactly.');
  const runsA = gradeRuns(a, common / totalA);
  const runsB = gradeRuns(b, common / totalB);
  // Position i (1..L) is "distance" |2i - 1 - L| from the middle; ties go to the larger i (worse side).
  const medianPosition = Math.floor(common / 2) + 1;
  const distance = (position: number) => Math.abs(2 * position - 1 - common);
  let best: { position: number; verdict: number } | null = null;
  let start = 1;
  let indexA = 0;
  let indexB = 0;
  while (indexA < runsA.length && indexB < runsB.length) {
    const [endA, gradeA] = runsA[indexA]!;
    const [endB, gradeB] = runsB[indexB]!;
    const end = Math.min(endA, endB);
    if (gradeA !== gradeB) {
      // The position of [start, end] closest to the middle in the removal order.
      const position = Math.min(Math.max(medianPosition, start), end);
      const closer =
        best === null ||
        distance(position) < distance(best.position) ||
        (distance(position) === distance(best.position) && position > best.position);
      if (closer) best = { position, verdict: signOf(gradeA - gradeB) };
    }
    start = end + 1;
    if (endA === end) indexA++;
    if (endB === end) indexB++;
  }
  return best === null ? 0 : best.verdict;
}

/**
 * Majority-judgment order of two merit profiles: negative when `a` ranks before `b`, positive
 * when after, 0 when they are exactly tied. Profiles are compared by shares, so proposals graded
 * by different numbers of judges compare fairly; a proposal nobody graded ranks after every
 * graded one.
 *
 * The standard tie-breaking of Balinski & Laraki (2011):
 * 1. the better majority grade ranks first;
 * 2. same grade: compare majority gauges — a "+" beats a "-"; both "+": the larger share better
 *    than the majority grade wins; both "-": the smaller share worse than it wins;
 * 3. still equal: remove one grade equal to the majority grade from each profile and repeat;
 *    the profiles are tied when they run out together.
 *
 * @throws RangeError when the profiles use scales of different lengths or hold invalid counts.
 */
export function compareProposals(a: MeritProfile, b: MeritProfile): number {
  if (a.length !== b.length) {
    throw new RangeError(`Merit profiles must use the same scale (${a.length} grades vs ${b.length}).`);
  }
  const gaugeA = majorityGauge(a);
  const gaugeB = majorityGauge(b);
  if (gaugeA === null || gaugeB === null) return gaugeA === gaugeB ? 0 : gaugeA === null ? 1 : -1;
  return compareGauges(gaugeA, gaugeB) || compareMajorityValues(a, gaugeA.total, b, gaugeB.total);
}

/**
 * Ranks proposals by majority judgment, best first. Returns new objects (the input is not
 * changed): each proposal with its `rank` (1-based; exact ties share a rank: 1, 1, 3), its
 * `majorityGrade`, the shares `better` and `worse` of its majority gauge and its `total` of judges.
 * Exact ties keep their input order.
 *
 * @throws RangeError when the profiles use scales of different lengths or hold invalid counts.
 */
export function rankProposals<T extends { counts: MeritProfile }>(proposals: readonly T[]): Array<T & MajorityRanking> {
  // Array.prototype.sort is stable (ES2019), which keeps exact ties in input order.
  const sorted = [...proposals].sort((a, b) => compareProposals(a.counts, b.counts));
  let rank = 0;
  return sorted.map((proposal, index) => {
    const previous = sorted[index - 1];
    if (previous === undefined || compareProposals(previous.counts, proposal.counts) !== 0) rank = index + 1;
    const gauge = majorityGauge(proposal.counts);
    return {
      ...proposal,
      rank,
      majorityGrade: gauge?.grade ?? null,
      better: gauge?.better ?? 0,
      worse: gauge?.worse ?? 0,
      total: gauge?.total ?? 0,
    };
  });
}
