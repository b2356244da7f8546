import {
  escapeXml,
  gradeColours,
  renderMeritProfilesSvg,
  wrapText,
  type MeritProfileChart,
} from '../../../src/results/merit-profile-svg';

/** An element of the parsed document. */
interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A tiny strict XML reader, enough to prove well-formedness of our SVG: every tag closes in
 * order, attributes are quoted and unique, `<` never appears in text or values, and every `&`
 * starts a known entity. Throws on the first fault.
 */
function parseXml(source: string): XmlElement {
  let index = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${index}: ${JSON.stringify(source.slice(index, index + 40))}`);
  };
  const decode = (raw: string): string => {
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      const char = raw[i]!;
      if (char === '<') fail('raw < in text');
      if (char !== '&') {
        out += char;
        continue;
      }
      const end = raw.indexOf(';', i);
      const name = end < 0 ? '' : raw.slice(i + 1, end);
      if (ENTITIES[name] !== undefined) out += ENTITIES[name];
      else if (name.startsWith('#x') && name.length > 2 && [...name.slice(2)].every((c) => '0123456789abcdefABCDEF'.includes(c))) out += String.fromCodePoint(parseInt(name.slice(2), 16));
      else if (name.startsWith('#') && name.length > 1 && [...name.slice(1)].every((c) => '0123456789'.includes(c))) out += String.fromCodePoint(Number(name.slice(1)));
      else fail(`unknown entity &${name};`);
      i = end;
    }
    return out;
  };
  const isNameChar = (char: string | undefined) =>
    char !== undefined && !' \t\r\n/>=<"\''.includes(char);
  const skipSpace = () => {
    while (index < source.length && ' \t\r\n'.includes(source[index]!)) index++;
  };
  const readName = () => {
    const start = index;
    while (isNameChar(source[index])) index++;
    if (index === start) fail('expected a name');
    return source.slice(start, index);
  };

  if (source.startsWith('<?xml')) {
    index = source.indexOf('?>') + 2;
    if (index < 2) fail('unclosed declaration');
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (index < source.length) {
    const next = source.indexOf('<', index);
    const text = source.slice(index, next < 0 ? source.length : next);
    if (stack.length > 0) stack[stack.length - 1]!.text += decode(text);
    else if (text.trim() !== '') fail('text outside the root');
    if (next < 0) break;
    index = next + 1;
    if (source[index] === '/') {
      index++;
      const name = readName();
      skipSpace();
      if (source[index] !== '>') fail('expected >');
      index++;
      const open = stack.pop();
      if (open?.name !== name) fail(`</${name}> closes <${open?.name}>`);
      continue;
    }
    if (root !== null && stack.length === 0) fail('second root element');
    const element: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', index) || source[index] === '>') break;
      const attribute = readName();
      skipSpace();
      if (source[index] !== '=') fail('expected =');
      index++;
      skipSpace();
      const quote = source[index];
      if (quote !== '"' && quote !== "'") fail('unquoted attribute');
      const end = source.indexOf(quote!, index + 1);
      if (end < 0) fail('unclosed attribute');
      if (attribute in element.attributes) fail(`duplicate attribute ${attribute}`);
      element.attributes[attribute] = decode(source.slice(index + 1, end));
      index = end + 1;
    }
    stack[stack.length - 1]?.children.push(element);
    root ??= element;
    if (source.startsWith('/>', index)) index += 2;
    else {
      index++;
      stack.push(element);
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.name}> never closed`);
  if (root === null) return fail('no root element');
  return root;
}

/** Every element under `element` (included) for which `keep` holds, in document order. */
function findAll(element: XmlElement, keep: (e: XmlElement) => boolean): XmlElement[] {
  return [...(keep(element) ? [element] : []), ...element.children.flatMap((child) => findAll(child, keep))];
}

/** All the text inside an element, tspans included. */
function textOf(element: XmlElement): string {
  return element.text + element.children.map(textOf).join('');
}

const GRADES = ['Excellent', 'Très bien', 'Bien', 'Assez bien', 'Passable', 'Insuffisant', 'À rejeter'];

function sampleChart(overrides: Partial<MeritProfileChart> = {}): MeritProfileChart {
  return {
    title: 'Budget participatif — résultats',
    grades: GRADES,
    proposals: [
      { label: 'Jardins partagés', counts: [20, 18, 15, 12, 10, 15, 10], rank: 1, majorityGrade: 2, caption: 'Bien −' },
      { label: 'Vélo <b>& "co"</b>', counts: [5, 10, 22, 25, 18, 12, 8], rank: 2, majorityGrade: 3, caption: "Assez bien − l'été" },
      { label: 'Parking', counts: [1, 0, 0, 0, 0, 0, 2], rank: 3, majorityGrade: 6, caption: 'À rejeter +' },
      { label: 'Nouvelle proposition', counts: [0, 0, 0, 0, 0, 0, 0], rank: 4, majorityGrade: null, caption: 'Aucune mention' },
    ],
    footnote: '100 participants.',
    ...overrides,
  };
}

describe('renderMeritProfilesSvg', () => {
  test('is a well-formed, standalone, accessible SVG document', () => {
    const root = parseXml(renderMeritProfilesSvg(sampleChart()));
    expect(root.name).toBe('svg');
    expect(root.attributes).toMatchObject({
      xmlns: 'http://www.w3.org/2000/svg',
      role: 'img',
      width: '960',
      'aria-labelledby': 'merit-profiles-title',
      'aria-describedby': 'merit-profiles-desc',
    });
    expect(root.attributes['viewBox']).toBe(`0 0 960 ${root.attributes['height']}`);
    expect(Number(root.attributes['height'])).toBeGreaterThan(200);
    expect(root.attributes['font-family']?.endsWith('sans-serif')).toBe(true);
    const [title, desc] = root.children;
    expect([title?.name, title?.attributes['id'], title?.text]).toEqual(['title', 'merit-profiles-title', 'Budget participatif — résultats']);
    expect([desc?.name, desc?.attributes['id']]).toEqual(['desc', 'merit-profiles-desc']);
    // Without a description, the text alternative lists every proposal with its caption.
    expect(desc?.text).toContain('1. Jardins partagés: Bien −');
    expect(desc?.text).toContain('4. Nouvelle proposition: Aucune mention');
  });

  test('escapes & < > " \' in labels, captions, titles and ids', () => {
    const svg = renderMeritProfilesSvg(sampleChart({ title: `Q&A <"it's">`, idPrefix: 'a"b' }));
    expect(svg).toContain('Vélo &lt;b&gt;&amp; &quot;co&quot;&lt;/b&gt;');
    expect(svg).toContain('Assez bien − l&apos;été');
    expect(svg).not.toContain('<b>');
    const root = parseXml(svg);
    expect(root.children[0]?.text).toBe(`Q&A <"it's">`);
    expect(root.attributes['aria-labelledby']).toBe('a"b-title');
    const labels = findAll(root, (e) => e.attributes['class'] === 'label').map(textOf);
    expect(labels).toContain('Vélo <b>& "co"</b>');
  });

  test('drops characters XML cannot hold', () => {
    expect(escapeXml('a\u0000b\u0007c\td')).toBe('abc\td');
    expect(() => parseXml(renderMeritProfilesSvg(sampleChart({ title: 'bell\u0007' })))).not.toThrow();
  });

  test('segment widths are proportional to the counts and fill the bar exactly', () => {
    const root = parseXml(renderMeritProfilesSvg(sampleChart()));
    const rows = findAll(root, (e) => e.attributes['class'] === 'proposal');
    expect(rows.map((row) => row.attributes['data-rank'])).toEqual(['1', '2', '3', '4']);
    for (const [index, row] of rows.slice(0, 3).entries()) {
      const counts = sampleChart().proposals[index]!.counts;
      const total = counts.reduce((sum, n) => sum + n, 0);
      const segments = findAll(row, (e) => e.attributes['class'] === 'segment');
      // One segment per grade given at least once, in grade order, each as wide as its share.
      expect(segments.map((s) => Number(s.attributes['data-grade']))).toEqual(counts.flatMap((n, grade) => (n > 0 ? [grade] : [])));
      const widths = segments.map((s) => Number(s.attributes['width']));
      expect(Math.abs(widths.reduce((sum, w) => sum + w, 0) - 440)).toBeLessThan(0.01);
      segments.forEach((segment, i) => {
        const count = counts[Number(segment.attributes['data-grade'])]!;
        expect(Math.abs(widths[i]! - (440 * count) / total)).toBeLessThan(0.011);
      });
      // Segments touch: each starts where the previous one ends.
      for (let i = 1; i < segments.length; i++) {
        const previousEnd = Number(segments[i - 1]!.attributes['x']) + widths[i - 1]!;
        expect(Math.abs(Number(segments[i]!.attributes['x']) - previousEnd)).toBeLessThan(0.011);
      }
    }
  });

  test('a proposal nobody graded renders an empty bar, and no NaN or Infinity anywhere', () => {
    const svg = renderMeritProfilesSvg(sampleChart());
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    const root = parseXml(svg);
    const emptyRow = findAll(root, (e) => e.attributes['data-rank'] === '4')[0]!;
    expect(findAll(emptyRow, (e) => e.attributes['class'] === 'segment')).toEqual([]);
    expect(findAll(emptyRow, (e) => e.attributes['class'] === 'empty-bar')).toHaveLength(1);
    expect(textOf(emptyRow)).toContain('Aucune mention');
  });

  test('the legend names every grade, with one colour each', () => {
    const root = parseXml(renderMeritProfilesSvg(sampleChart()));
    const items = findAll(root, (e) => e.attributes['class'] === 'legend-item');
    expect(items.map(textOf)).toEqual(GRADES);
    const fills = items.map((item) => item.children[0]!.attributes['fill']);
    expect(new Set(fills).size).toBe(GRADES.length);
  });

  test('draws the 50 % median line across all bars, and writes percentages only where they fit', () => {
    const root = parseXml(renderMeritProfilesSvg(sampleChart({ formatPercent: (share) => `${Math.round(share * 100)} %` })));
    const median = findAll(root, (e) => e.name === 'line' && e.attributes['class'] === 'median')[0]!;
    expect(median.attributes['x1']).toBe('544');
    expect(median.attributes['x2']).toBe('544');
    const percentages = findAll(root, (e) => e.name === 'text' && e.attributes['paint-order'] === 'stroke').map(textOf);
    expect(percentages).toContain('20 %'); // 20 % of 440 px: room enough
    expect(percentages).toContain('67 %'); // Parking: 2 of 3 judges
    expect(percentages).not.toContain('5 %'); // 5 % of 440 px = 22 px: too narrow for "5 %"
  });

  test('is deterministic', () => {
    expect(renderMeritProfilesSvg(sampleChart())).toBe(renderMeritProfilesSvg(sampleChart()));
  });

  test('refuses scales outside 2..10 grades and profiles that do not match the scale', () => {
    expect(() => renderMeritProfilesSvg(sampleChart({ grades: ['Oui'], proposals: [] }))).toThrow(RangeError);
    expect(() =>
      renderMeritProfilesSvg(sampleChart({ proposals: [{ label: 'x', counts: [1, 2], rank: 1, majorityGrade: 1, caption: '' }] })),
    ).toThrow(RangeError);
  });
});

describe('gradeColours', () => {
  test('goes from a dark green to a dark red through yellow, for every scale length from 2 to 10', () => {
    for (let count = 2; count <= 10; count++) {
      const colours = gradeColours(count);
      expect(colours).toHaveLength(count);
      const [red0, green0] = colours[0]!;
      const [redN, greenN] = colours[count - 1]!;
      expect(green0).toBeGreaterThan(red0 + 50); // green first
      expect(redN).toBeGreaterThan(greenN + 50); // red last
      expect(new Set(colours.map((c) => c.join())).size).toBe(count);
    }
    expect(() => gradeColours(11)).toThrow(RangeError);
  });
});

describe('wrapText', () => {
  test('breaks between words and ends what does not fit with an ellipsis', () => {
    // 10 px font: about 5.6 px a character, so 100 px hold 17 characters.
    expect(wrapText('Jardins partagés', 100, 10, 2)).toEqual(['Jardins partagés']);
    expect(wrapText('Piste cyclable continue sur le boulevard de la Libération', 100, 10, 2)).toEqual([
      'Piste cyclable',
      'continue sur le…',
    ]);
    // A word longer than a line is cut inside (60 px hold 10 characters).
    expect(wrapText('Anticonstitutionnellement', 60, 10, 2)).toEqual(['Anticonsti', 'tutionnel…']);
  });
});
