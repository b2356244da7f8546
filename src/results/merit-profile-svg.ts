/**
 * Draws majority-judgment results as a standalone SVG image: one horizontal 100 % stacked bar per
 * proposal (its merit profile), best grade on the left, a dashed line at 50 % where the majority
 * grade can be read, and a legend. Pure and deterministic (same input, same bytes): no clock, no
 * random ids. It knows no language: every word comes from the caller, already translated.
 */

/** One proposal of the chart, already ranked by the caller. */
export interface MeritProfileChartProposal {
  /** Name of the proposal, as people know it. Long names are wrapped, then cut with "…". */
  readonly label: string;
  /** Judges per grade, best grade first, same length as the chart's `grades`. */
  readonly counts: readonly number[];
  /** 1-based rank, shown before the label. */
  readonly rank: number;
  /** Majority grade index (best first), null when nobody graded the proposal: colours the caption's mark. */
  readonly majorityGrade: number | null;
  /** Text shown right of the bar, e.g. "Mention majoritaire : Bien +" (already localized). */
  readonly caption: string;
}

/** Everything the chart shows. Every text is final, already in the reader's language. */
export interface MeritProfileChart {
  /** Heading of the image, also its accessible name (`<title>`). */
  readonly title: string;
  /** Longer text alternative (`<desc>`); when absent, one is made of the ranks, labels and captions. */
  readonly description?: string;
  /** Grade labels, best first (2 to 10 grades). */
  readonly grades: readonly string[];
  /** Proposals in rank order. */
  readonly proposals: readonly MeritProfileChartProposal[];
  /** Small print under the legend, e.g. how many people took part. */
  readonly footnote?: string;
  /** Writes a share (0..1) as a percentage; defaults to "42%". French callers may want "42 %". */
  readonly formatPercent?: (share: number) => string;
  /** Prefix of the ids inside the SVG, to keep them unique when several charts share one page. */
  readonly idPrefix?: string;
}

const WIDTH = 960;
const MARGIN = 24;
const FONT_FAMILY = 'Helvetica, Arial, sans-serif';
/** Rough width of one character as a share of the font size (no font metrics here: sans-serif average). */
const CHAR_WIDTH = 0.56;
const RANK_X = MARGIN;
const LABEL_X = MARGIN + 34;
const LABEL_WIDTH = 250;
const BAR_X = LABEL_X + LABEL_WIDTH + 16;
const BAR_WIDTH = 440;
const CAPTION_X = BAR_X + BAR_WIDTH + 16;
const CAPTION_WIDTH = WIDTH - MARGIN - CAPTION_X;
const ROW_HEIGHT = 50;
const BAR_HEIGHT = 28;

/**
 * Colours from a dark bluish green (best) through yellow and orange to a dark red (worst). The
 * green end leans to blue and the two ends differ in lightness so that people with red-green
 * colour blindness still tell them apart; percentages in the segments, the legend and the fixed
 * left-to-right order carry the same information without colour.
 */
const PALETTE_ANCHORS: ReadonlyArray<readonly [number, readonly [number, number, number]]> = [
  [0, [0, 96, 86]],
  [0.28, [108, 178, 92]],
  [0.5, [245, 212, 92]],
  [0.72, [238, 136, 46]],
  [1, [150, 22, 34]],
];

/** `count` colours (2 to 10) spread evenly over the palette, best grade first, as [r, g, b]. */
export function gradeColours(count: number): Array<readonly [number, number, number]> {
  if (!Number.isInteger(count) || count < 2 || count > 10) {
    throw new RangeError(`A merit profile chart needs 2 to 10 grades, not ${count}.`);
  }
  return Array.from({ length: count }, (_, index) => {
    const t = index / (count - 1);
    const upper = PALETTE_ANCHORS.findIndex(([at]) => at >= t);
    const [endAt, endColour] = PALETTE_ANCHORS[upper]!;
    const [startAt, startColour] = PALETTE_ANCHORS[Math.max(0, upper - 1)]!;
    const mix = endAt === startAt ? 0 : (t - startAt) / (endAt - startAt);
    const channel = (c: 0 | 1 | 2) => Math.round(startColour[c] + (endColour[c] - startColour[c]) * mix);
    return [channel(0), channel(1), channel(2)] as const;
  });
}

function hex([red, green, blue]: readonly [number, number, number]): string {
  return `#${[red, green, blue].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/** Dark or light text, whichever reads better on `background` (WCAG relative luminance). */
function textColourOn([red, green, blue]: readonly [number, number, number]): string {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
  // Contrast with white (1.05 / (L + 0.05)) against contrast with near-black #1b1b1b (L ≈ 0.011).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.061 ? '#ffffff' : '#1b1b1b';
}

/**
 * Escapes text for XML content and attribute values (& < > " '), and drops the control
 * characters that XML 1.0 forbids, so that any label yields a well-formed document.
 */
export function escapeXml(text: string): string {
  let escaped = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if ((code < 0x20 && char !== '\t' && char !== '\n' && char !== '\r') || code === 0xfffe || code === 0xffff) continue;
    if (code >= 0xd800 && code <= 0xdfff) continue; // a lone surrogate: not a character at all
    escaped += char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '"' ? '&quot;' : char === "'" ? '&apos;' : char;
  }
  return escaped;
}

/** A coordinate with at most two decimals, without trailing zeros ("12.5", not "12.50"). */
function formatNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}

function estimatedWidth(text: string, fontSize: number): number {
  return Array.from(text).length * fontSize * CHAR_WIDTH;
}

/**
 * Splits `text` into at most `maxLines` lines that fit `width` at `fontSize`, breaking between
 * words (inside a word only when the word alone is too long); what does not fit ends with "…".
 */
export function wrapText(text: string, width: number, fontSize: number, maxLines: number): string[] {
  const maxChars = Math.max(2, Math.floor(width / (fontSize * CHAR_WIDTH)));
  const lines: string[] = [];
  let current = '';
  const words = text.split(/\s+/).filter((word) => word !== '');
  for (const word of words) {
    let rest = Array.from(word);
    while (rest.length > 0) {
      const candidate = current === '' ? rest.join('') : `${current} ${rest.join('')}`;
      if (Array.from(candidate).length <= maxChars) {
        current = candidate;
        rest = [];
      } else if (current !== '') {
        lines.push(current);
        current = '';
      } else {
        lines.push(rest.slice(0, maxChars).join(''));
        rest = rest.slice(maxChars);
      }
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = Array.from(kept[maxLines - 1]!).slice(0, maxChars - 1).join('').trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/** A `<text>` element with one `<tspan>` per line, the block vertically centred on `centreY`. */
function textBlock(lines: readonly string[], x: number, centreY: number, fontSize: number, attributes = ''): string {
  const lineHeight = fontSize * 1.25;
  const firstBaseline = centreY - ((lines.length - 1) * lineHeight) / 2 + fontSize * 0.35;
  const spans = lines
    .map((line, index) => `<tspan x="${formatNumber(x)}" y="${formatNumber(firstBaseline + index * lineHeight)}">${escapeXml(line)}</tspan>`)
    .join('');
  return `<text font-size="${fontSize}"${attributes}>${spans}</text>`;
}

function defaultPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * The stacked bar of one proposal: one `<rect class="segment">` per grade given at least once, and
 * the percentages to write over the segments wide enough for them. The percentages are drawn
 * apart, above the median line, each with a halo of its segment's colour so the line never
 * crosses a number.
 */
function renderBar(
  proposal: MeritProfileChartProposal,
  chart: MeritProfileChart,
  colours: ReadonlyArray<readonly [number, number, number]>,
  y: number,
): { shapes: string; labels: string } {
  const total = proposal.counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) {
    const shapes = `<rect class="empty-bar" x="${BAR_X}" y="${y}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="#f3f3f3" stroke="#9a9a9a" stroke-dasharray="4 3"/>`;
    return { shapes, labels: '' };
  }
  const percent = chart.formatPercent ?? defaultPercent;
  // Round the boundaries, not the widths, so that the widths add up exactly to the bar.
  let seen = 0;
  let left = BAR_X;
  let shapes = '';
  let labels = '';
  proposal.counts.forEach((count, grade) => {
    seen += count;
    const right = Number((BAR_X + (BAR_WIDTH * seen) / total).toFixed(2));
    const x = left;
    left = right;
    if (count === 0) return;
    const width = right - x;
    const colour = hex(colours[grade]!);
    const share = percent(count / total);
    const tooltip = `<title>${escapeXml(`${chart.grades[grade] ?? ''}: ${share} (${count})`)}</title>`;
    shapes += `<rect class="segment" data-grade="${grade}" x="${formatNumber(x)}" y="${y}" width="${formatNumber(width)}" height="${BAR_HEIGHT}" fill="${colour}">${tooltip}</rect>`;
    if (estimatedWidth(share, 12) + 8 <= width) {
      labels +=
        `<text x="${formatNumber(x + width / 2)}" y="${formatNumber(y + BAR_HEIGHT / 2 + 4.2)}" font-size="12" text-anchor="middle" ` +
        `fill="${textColourOn(colours[grade]!)}" stroke="${colour}" stroke-width="5" stroke-linejoin="round" paint-order="stroke">${escapeXml(share)}</text>`;
    }
  });
  return { shapes, labels };
}

/** The legend: a swatch and the label of every grade, flowing onto several lines when needed. */
function renderLegend(grades: readonly string[], colours: ReadonlyArray<readonly [number, number, number]>, top: number): { svg: string; height: number } {
  const fontSize = 13;
  const items: string[] = [];
  let x = MARGIN;
  let y = top;
  grades.forEach((grade, index) => {
    const [line] = wrapText(grade, 220, fontSize, 1);
    const itemWidth = 14 + 6 + estimatedWidth(line ?? '', fontSize) + 18;
    if (x > MARGIN && x + itemWidth > WIDTH - MARGIN) {
      x = MARGIN;
      y += 22;
    }
    items.push(
      `<g class="legend-item"><rect x="${formatNumber(x)}" y="${y}" width="14" height="14" fill="${hex(colours[index]!)}"/>` +
        `<text x="${formatNumber(x + 20)}" y="${y + 11.5}" font-size="${fontSize}">${escapeXml(line ?? '')}</text></g>`,
    );
    x += itemWidth;
  });
  return { svg: `<g class="legend">${items.join('')}</g>`, height: y - top + 14 };
}

/**
 * Renders the merit profiles of ranked proposals as a standalone, accessible SVG document
 * (`role="img"`, `<title>`, `<desc>`), 960 px wide, as tall as its content.
 *
 * @throws RangeError when there are not 2 to 10 grades or a profile does not match the grades.
 */
export function renderMeritProfilesSvg(chart: MeritProfileChart): string {
  const colours = gradeColours(chart.grades.length);
  for (const proposal of chart.proposals) {
    if (proposal.counts.length !== chart.grades.length) {
      throw new RangeError(`"${proposal.label}" has ${proposal.counts.length} counts for ${chart.grades.length} grades.`);
    }
  }
  const prefix = chart.idPrefix ?? 'merit-profiles';
  const percent = chart.formatPercent ?? defaultPercent;
  const parts: string[] = [];

  const titleLines = wrapText(chart.title, WIDTH - 2 * MARGIN, 20, 2);
  parts.push(textBlock(titleLines, MARGIN, MARGIN + 10 + ((titleLines.length - 1) * 25) / 2, 20, ' font-weight="bold" class="chart-title"'));
  let y = MARGIN + titleLines.length * 25 + 14;

  // Scale above the bars: 0 %, the 50 % median line, 100 %.
  const axisY = y + 10;
  parts.push(
    `<g class="axis" font-size="11" fill="#555555">` +
      `<text x="${BAR_X}" y="${axisY}">${escapeXml(percent(0))}</text>` +
      `<text x="${BAR_X + BAR_WIDTH / 2}" y="${axisY}" text-anchor="middle">${escapeXml(percent(0.5))}</text>` +
      `<text x="${BAR_X + BAR_WIDTH}" y="${axisY}" text-anchor="end">${escapeXml(percent(1))}</text></g>`,
  );
  y = axisY + 8;
  const barsTop = y;

  const segmentLabels: string[] = [];
  chart.proposals.forEach((proposal) => {
    const barY = y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const centreY = y + ROW_HEIGHT / 2;
    const labelLines = wrapText(proposal.label, LABEL_WIDTH, 14, 2);
    const captionLines = wrapText(proposal.caption, CAPTION_WIDTH - 16, 13, 2);
    const markColour = proposal.majorityGrade === null ? undefined : colours[proposal.majorityGrade];
    const mark =
      markColour === undefined
        ? ''
        : `<rect x="${CAPTION_X}" y="${formatNumber(centreY - 5)}" width="10" height="10" fill="${hex(markColour)}"/>`;
    const bar = renderBar(proposal, chart, colours, barY);
    segmentLabels.push(bar.labels);
    parts.push(
      `<g class="proposal" data-rank="${proposal.rank}">` +
        textBlock([`${proposal.rank}.`], RANK_X, centreY, 14, ' font-weight="bold"') +
        textBlock(labelLines, LABEL_X, centreY, 14, ' class="label"') +
        bar.shapes +
        mark +
        textBlock(captionLines, CAPTION_X + 16, centreY, 13, ' class="caption"') +
        `</g>`,
    );
    y += ROW_HEIGHT;
  });

  const medianX = BAR_X + BAR_WIDTH / 2;
  parts.push(
    `<line class="median" x1="${medianX}" y1="${barsTop}" x2="${medianX}" y2="${y}" stroke="#1b1b1b" stroke-width="1.5" stroke-dasharray="5 4"/>`,
    `<g class="segment-labels">${segmentLabels.join('')}</g>`,
  );

  const legend = renderLegend(chart.grades, colours, y + 16);
  parts.push(legend.svg);
  y += 16 + legend.height;

  if (chart.footnote !== undefined && chart.footnote !== '') {
    const footLines = wrapText(chart.footnote, WIDTH - 2 * MARGIN, 12, 3);
    parts.push(textBlock(footLines, MARGIN, y + 16 + ((footLines.length - 1) * 15) / 2, 12, ' fill="#555555" class="footnote"'));
    y += 16 + footLines.length * 15;
  }
  const height = Math.ceil(y + MARGIN);

  const description =
    chart.description ?? chart.proposals.map((p) => `${p.rank}. ${p.label}: ${p.caption}`).join('; ');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ` +
    `role="img" aria-labelledby="${escapeXml(prefix)}-title" aria-describedby="${escapeXml(prefix)}-desc" ` +
    `font-family="${FONT_FAMILY}" fill="#1b1b1b">\n` +
    `<title id="${escapeXml(prefix)}-title">${escapeXml(chart.title)}</title>\n` +
    `<desc id="${escapeXml(prefix)}-desc">${escapeXml(description)}</desc>\n` +
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>\n` +
    parts.join('\n') +
    `\n</svg>\n`
  );
}
