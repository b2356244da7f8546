/**
 * Number and date formats in the visitors' languages, kept once made: an `Intl` format is costly
 * to build, and a page uses dozens.
 */
export class Formats {
  private readonly numbers = new Map<string, Intl.NumberFormat>();
  private readonly dates = new Map<string, Intl.DateTimeFormat>();

  /** `timeZone`: the city's, for every date shown. */
  constructor(private readonly timeZone: string) {}

  /** A number in `locale`; with `percent`, a share (0..1) as a percentage to one decimal. */
  number(locale: string, value: number, style?: 'percent'): string {
    const key = `${locale}:${style ?? ''}`;
    let format = this.numbers.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, style === 'percent' ? { style: 'percent', maximumFractionDigits: 1 } : {});
      this.numbers.set(key, format);
    }
    return format.format(value);
  }

  /** An instant in words in `locale`, on the city's clock: "samedi 28 novembre 2026 à 10:00". */
  dateTime(locale: string, iso: string): string {
    let format = this.dates.get(locale);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { timeZone: this.timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
      this.dates.set(locale, format);
    }
    return format.format(new Date(iso));
  }
}
