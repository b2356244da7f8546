import fs from 'node:fs';
import path from 'node:path';
import { COMMENT_MAX } from '../../../src/domain/consultation';
import { IDEA_BODY_MAX, IDEA_TITLE_MAX } from '../../../src/domain/idea';
import { BROADCAST_TEXT_MAX } from '../../../src/broadcasts/notice-text';
import { REJECTION_REASON_MAX } from '../../../src/flows/functions/agent-moderation';
import { FIRST_NAME_MAX } from '../../../src/flows/functions/rules';

/** The README and the bot agree on the limits people are told: the README's table is read and compared with the code's. */
const README = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');

/** The README's limits table, by row label. */
function limitsTable(): Map<string, number> {
  const table = README.slice(README.indexOf('**Limits**'));
  const rows = [...table.matchAll(/^\| ([^|]+?) \| (\d+) characters \|$/gm)];
  return new Map(rows.map((m) => [m[1] ?? '', Number(m[2])]));
}

test('the README states each limit the bot checks, with the same number', () => {
  expect(Object.fromEntries(limitsTable())).toEqual({
    'first name or pseudonym': FIRST_NAME_MAX,
    'idea title': IDEA_TITLE_MAX,
    'idea text': IDEA_BODY_MAX,
    'comment in a consultation': COMMENT_MAX,
    'notice written from the agent desk': BROADCAST_TEXT_MAX,
    'reason for rejecting an idea': REJECTION_REASON_MAX,
  });
});

test('where the README repeats a limit in its text, it gives the same number', () => {
  expect(README).toContain(`a title (${IDEA_TITLE_MAX}\ncharacters at most) and a few lines (${IDEA_BODY_MAX})`);
  expect(README).toContain(`(${BROADCAST_TEXT_MAX} characters at most`);
});
