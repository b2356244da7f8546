import { answeredQuestion, escapeHtml, inlineKeyboard, splitText } from '../../../../src/channels/telegram/telegram-format';

describe('escapeHtml', () => {
  test.each([
    ['plain', 'plain'],
    ['<b>Zoé</b>', '&lt;b&gt;Zoé&lt;/b&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['&amp;', '&amp;amp;'],
    ["Robert'); DROP TABLE person;--", "Robert'); DROP TABLE person;--"],
  ])('%s', (input, expected) => expect(escapeHtml(input)).toBe(expected));
});

describe('splitText', () => {
  test.each([
    ['short text', 'Bonjour', 10, ['Bonjour']],
    ['empty text', '', 10, ['']],
    ['at paragraphs first', 'aaaa bbbb\n\ncccc', 12, ['aaaa bbbb', 'cccc']],
    ['then at lines', 'aaaa\nbbbb cccc', 12, ['aaaa', 'bbbb cccc']],
    ['then at spaces', 'aaaa bbbb cccc', 10, ['aaaa bbbb', 'cccc']],
    ['a word longer than the limit is cut', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
  ])('%s', (_name, text, limit, expected) => expect(splitText(text, limit)).toEqual(expected));

  test('never cuts an emoji in half', () => {
    const parts = splitText('aaa😀bbb', 4);
    expect(parts.join('')).toBe('aaa😀bbb');
    for (const part of parts) expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  test('every part fits and nothing is lost but the white space at the cuts', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Phrase numéro ${i}.`).join(' ');
    const parts = splitText(text, 100);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(100);
    expect(parts.join(' ')).toBe(text);
  });
});

describe('inlineKeyboard', () => {
  test.each([
    ['no buttons', [], { inline_keyboard: [] }],
    ['one button a row', [{ id: 'fr', label: 'Français' }, { id: 'en', label: 'English' }], { inline_keyboard: [[{ text: 'Français', callback_data: 'fr' }], [{ text: 'English', callback_data: 'en' }]] }],
  ])('%s', (_name, buttons, expected) => expect(inlineKeyboard(buttons)).toEqual(expected));
});

test('an answered question shows the choice, escaped', () => {
  expect(answeredQuestion('Votre prénom <ici> ?', 'A & B')).toBe('Votre prénom &lt;ici&gt; ?\n\n✅ <b>A &amp; B</b>');
});
