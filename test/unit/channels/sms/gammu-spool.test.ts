import { decodeSpoolFile, inboxMessages, inboxPathOf } from '../../../../src/channels/sms/gammu/gammu-spool';

describe('inboxMessages', () => {
  test('groups the parts of a long message in order, and ignores other files', () => {
    const messages = inboxMessages([
      'IN20261122_101501_00_+33700000000_00.txt',
      'IN20261122_101500_00_+33612345678_01.txt',
      'IN20261122_101500_00_+33612345678_00.txt',
      'notes.txt',
      'OUTC20261122_101500_00_+33612345678_sms0.txt',
    ]);
    expect(messages.map((m) => ({ files: m.files, sender: m.sender }))).toEqual([
      { files: ['IN20261122_101500_00_+33612345678_00.txt', 'IN20261122_101500_00_+33612345678_01.txt'], sender: '+33612345678' },
      { files: ['IN20261122_101501_00_+33700000000_00.txt'], sender: '+33700000000' },
    ]);
  });

  test('the id depends on the file name only, and does not show the number', () => {
    const [a] = inboxMessages(['IN20261122_101500_00_+33612345678_00.txt']);
    const [b] = inboxMessages(['IN20261122_101500_00_+33612345678_00.txt']);
    const [c] = inboxMessages(['IN20261122_101500_01_+33612345678_00.txt']);
    expect(a?.id).toBe(b?.id);
    expect(a?.id).not.toBe(c?.id);
    expect(a?.id).toMatch(/^gammu:[0-9a-f]{32}$/);
  });
});

describe('decodeSpoolFile', () => {
  const text = 'ARRÊT œ 😀';
  test('UTF-16 big-endian with a byte order mark (Gammu 1.42), trailing NULs dropped', () => {
    expect(decodeSpoolFile(Buffer.concat([Buffer.from(`\ufeff${text}`, 'utf16le').swap16(), Buffer.alloc(4)]))).toBe(text);
  });
  test('UTF-16 little-endian with a byte order mark', () => {
    expect(decodeSpoolFile(Buffer.from(`\ufeff${text}`, 'utf16le'))).toBe(text);
  });
  test('8-bit text read as UTF-8', () => {
    expect(decodeSpoolFile(Buffer.from(text, 'utf8'))).toBe(text);
  });
});

test('inboxPathOf reads the [smsd] section only', () => {
  expect(inboxPathOf('[gammu]\ninboxpath = /wrong/\n\n[smsd]\nservice = files\n  InboxPath = /var/spool/gammu/inbox/  \n')).toBe('/var/spool/gammu/inbox/');
  expect(inboxPathOf('[smsd]\nservice = sql\n')).toBeNull();
});
