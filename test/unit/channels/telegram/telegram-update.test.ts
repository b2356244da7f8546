import { parseUpdate, readUpdate, type TelegramUpdate } from '../../../../src/channels/telegram/telegram-update';

/** An update as the Bot API sends it, read as the channel reads it. */
function read(value: unknown): TelegramUpdate {
  const update = readUpdate(value);
  if (!update) throw new Error(`not an update: ${JSON.stringify(value)}`);
  return update;
}

const person = { id: 42, is_bot: false, first_name: 'Camille' };
const privateChat = { id: 42, type: 'private' as const, first_name: 'Camille' };
const group = { id: -100200, type: 'group' as const, title: 'Comité' };

function message(fields: Record<string, unknown>, chat: object = privateChat): TelegramUpdate {
  return read({ update_id: 7, message: { message_id: 3, date: 0, chat, from: person, ...fields } });
}

function callback(data: string | undefined, extra: Record<string, unknown> = {}): TelegramUpdate {
  return read({
    update_id: 8,
    callback_query: {
      id: 'cb-1',
      from: person,
      chat_instance: 'x',
      ...(data !== undefined ? { data } : {}),
      message: {
        message_id: 5,
        date: 0,
        chat: privateChat,
        text: 'Quel âge avez-vous ?',
        reply_markup: { inline_keyboard: [[{ text: '16 à 24 ans', callback_data: '16_24' }], [{ text: '25 à 34 ans', callback_data: '25_34' }]] },
      },
      ...extra,
    },
  });
}

describe('parseUpdate', () => {
  test.each([
    ['a text message', message({ text: 'bonjour' }), { kind: 'message', inbound: { channel: 'telegram', address: '42', externalId: '7', text: 'bonjour' } }],
    ['/start', message({ text: '/start' }), { kind: 'message', inbound: { channel: 'telegram', address: '42', externalId: '7', text: '/start' } }],
    ['/start with a deep link', message({ text: '/start poster-trois-cites' }), { kind: 'message', inbound: { channel: 'telegram', address: '42', externalId: '7', text: '/start', deepLink: 'poster-trois-cites' } }],
    ['/start@bot with a deep link', message({ text: '/start@ParlonsBot flyer_42' }), { kind: 'message', inbound: { channel: 'telegram', address: '42', externalId: '7', text: '/start', deepLink: 'flyer_42' } }],
    ['a photo with a caption', message({ photo: [], caption: 'Trois-Cités' }), { kind: 'message', inbound: { channel: 'telegram', address: '42', externalId: '7', text: 'Trois-Cités' } }],
    ['a sticker (no text)', message({ sticker: {} }), { kind: 'message', inbound: { channel: 'telegram', address: '42', externalId: '7', text: '' } }],
    ['a group message: nothing of it is kept', message({ text: 'je suis Camille' }, group), { kind: 'message', inbound: { channel: 'telegram', address: '-100200', externalId: '7', text: '', inGroup: true } }],
    ['a message from a bot', message({ text: 'hi', from: { id: 9, is_bot: true, first_name: 'Bot' } }), { kind: 'ignored' }],
    ['an edited message', read({ update_id: 9, edited_message: {} }), { kind: 'ignored' }],
  ])('%s', (_name, update, expected) => {
    expect(parseUpdate(update)).toEqual(expected);
  });

  test('a button press carries the choice and the question to show answered', () => {
    expect(parseUpdate(callback('25_34'))).toEqual({
      kind: 'button',
      inbound: { channel: 'telegram', address: '42', externalId: '8', text: '', choiceId: '25_34', pressed: { messageId: '5', text: 'Quel âge avez-vous ?', label: '25 à 34 ans' } },
      callbackQueryId: 'cb-1',
    });
  });

  test('a press whose button is not on the message still counts, without an edit', () => {
    const parsed = parseUpdate(callback('80_plus'));
    expect(parsed).toMatchObject({ kind: 'button', inbound: { choiceId: '80_plus' } });
    expect(parsed.kind === 'button' ? parsed.inbound.pressed : 'not a button').toBeUndefined();
  });

  test('a press without data, or on an inline message, is only acknowledged', () => {
    expect(parseUpdate(callback(undefined))).toEqual({ kind: 'ignored', callbackQueryId: 'cb-1' });
    expect(parseUpdate(callback('x', { message: undefined }))).toEqual({ kind: 'ignored', callbackQueryId: 'cb-1' });
  });
});

describe('readUpdate', () => {
  test.each([
    ['null', null],
    ['an array', [{ update_id: 1 }]],
    ['a number', 42],
    ['no update_id', { message: {} }],
    ['a negative update_id', { update_id: -1 }],
    ['a message that is null', { update_id: 1, message: null }],
    ['a message without a chat', { update_id: 1, message: { message_id: 1, text: 'x' } }],
    ['a chat id of the wrong type', { update_id: 1, message: { message_id: 1, chat: { id: {}, type: 'private' } } }],
    ['a text that is not a string', { update_id: 1, message: { message_id: 1, chat: { id: 1, type: 'private' }, text: 5 } }],
    ['a keyboard that is not a list of rows', { update_id: 1, callback_query: { id: 'c', from: {}, message: { message_id: 1, chat: { id: 1, type: 'private' }, reply_markup: { inline_keyboard: 'x' } } } }],
  ])('refuses %s', (_name, value) => {
    expect(readUpdate(value)).toBeNull();
  });

  test('takes an update of a kind Parlons does not read, which is then ignored', () => {
    expect(parseUpdate(read({ update_id: 3, poll: { id: 'p' } }))).toEqual({ kind: 'ignored' });
  });
});
