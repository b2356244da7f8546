import { typedTime, type TimeProblem } from '../lib/local-time-input';
import { CliError } from './cli-context';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** What is wrong with a typed time, in the operator's words: unreadable, skipped by summer time, or happening twice (both offered). */
export function timeProblemMessage(t: Translate, value: string, zone: string, problem: TimeProblem): string {
  switch (problem.problem) {
    case 'bad_time':
      return t('time.unreadable', { value, zone });
    case 'skipped_time':
      return t('time.skipped', { value, zone });
    case 'twice':
      return t('time.twice', { value, zone, first: problem.first, second: problem.second });
  }
}

/**
 * A time an operator typed, on the city's clock; anything else is refused with what to write
 * instead: an unreadable time, one skipped by the change to summer time, or one that happens
 * twice when clocks go back (both are offered, with their offsets).
 */
export function cliTime(t: Translate, value: string, zone: string): Date {
  const typed = typedTime(value, zone);
  if (typed.ok) return typed.at;
  throw new CliError(timeProblemMessage(t, value, zone, typed));
}
