import path from 'node:path';
import { startTestApp, tempDir } from '../support/test-app';

/**
 * A pressed button's question is shown answered through the outbox: the edit is written with
 * the answer, in its transaction, so a process stopped before sending it sends it after restart.
 */
test('the edit of a pressed question is an outbox row written with the answer, and survives a restart', async () => {
  const dir = tempDir();
  const file = path.join(dir.dir, 'parlons.db');
  let bot = startTestApp(file);
  try {
    bot.app.conversations.handle({ channel: 'telegram', address: '42', externalId: '1', text: '/start' });
    await bot.dispatcher.dispatchDue();
    const [question] = bot.channels.telegram.sent.splice(0);
    expect(question?.message.buttons?.map((b) => b.id)).toEqual(['fr', 'en']);
    bot.app.conversations.handle({ channel: 'telegram', address: '42', externalId: '2', text: '', choiceId: 'fr', pressed: { messageId: '7', text: question!.message.text, label: 'Français' } });
    // Stopped before anything is sent.
    bot.close();
    bot = startTestApp(file);
    await bot.dispatcher.dispatchDue();
    const [edit, ...replies] = bot.channels.telegram.sent;
    expect(edit?.message).toEqual({ text: question!.message.text, replaces: { messageId: '7', answered: 'Français' } });
    expect(replies.map((r) => r.message.text).join('\n')).toContain('Je suis un robot');
  } finally {
    bot.close();
    dir.cleanup();
  }
});
