import { smsParts } from '../../../../src/lib/sms/sms-parts';
import { smsCost } from '../../../../src/lib/sms/sms-segments';

describe('smsParts', () => {
  const paragraph = (n: number) => `${'a'.repeat(n)}`;

  test('a text within three segments is one SMS, as it is', () => {
    const text = `${paragraph(200)}\n\n${paragraph(200)}`;
    expect(smsParts(text)).toEqual([text]);
    expect(smsParts('')).toEqual(['']);
  });

  test('a longer text is cut between paragraphs, each SMS within three segments, nothing lost', () => {
    const text = [paragraph(300), paragraph(140), paragraph(100), 'Que voulez-vous faire ?\n1. Oui\n2. Non'].join('\n\n');
    const parts = smsParts(text);
    expect(parts).toEqual([`${paragraph(300)}\n\n${paragraph(140)}`, `${paragraph(100)}\n\nQue voulez-vous faire ?\n1. Oui\n2. Non`]);
    expect(parts.every((p) => smsCost(p).segments <= 3)).toBe(true);
    expect(parts.join('\n\n')).toBe(text);
  });

  test('two paragraphs of 460 characters, four segments in one SMS, go as two SMS of three segments in all', () => {
    const text = `${paragraph(300)}\n\n${paragraph(158)}`;
    expect(smsCost(text).segments).toBe(4);
    const parts = smsParts(text);
    expect(parts.map((p) => smsCost(p).segments)).toEqual([2, 1]);
  });

  test('a paragraph longer than three segments by itself is sent whole, never cut inside', () => {
    const long = paragraph(600);
    expect(smsParts(`hello\n\n${long}`)).toEqual(['hello', long]);
  });
});
