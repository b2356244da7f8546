import { readLocalTime } from '../lib/local-time-input';
import { CliError } from './cli-context';

/**
 * A time an operator typed, on the city's clock; anything else is refused with what to write
 * instead: an unreadable time, one skipped by the change to summer time, or one that happens
 * twice when clocks go back (both are offered, with their offsets).
 */
export function cliTime(t: (key: string, params?: Record<string, string | number>) => string, value: string, zone: string): Date {
  const reading = readLocalTime(value, zone);
  switch (reading.kind) {
    case 'time':
      return reading.at;
    case 'unreadable':
      throw new CliError(t('time.unreadable', { value, zone }));
    case 'skipped':
      throw new CliError(t('time.skipped', { value, zone }));
    case 'twice':
      throw new CliError(t('time.twice', { value, zone, first: reading.first, second: reading.second }));
  }
}
