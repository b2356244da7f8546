/** The content of a text message Parlons sends on Matrix. */
export interface MatrixTextContent {
  readonly msgtype: 'm.text';
  readonly body: string;
  readonly format: 'org.matrix.custom.html';
  readonly formatted_body: string;
}

/** Escapes text for HTML: what people typed (a first name) must never be read as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A message as Matrix content: the plain `body` for clients without HTML, and an escaped HTML
 * `formatted_body` that keeps the line breaks of numbered menus.
 *
 * NOTE: https://spec.matrix.org/v1.11/client-server-api/#mtext and
 * https://spec.matrix.org/v1.11/client-server-api/#mnotice — `m.notice` would be the usual
 * choice for a bot, but the default push rule `.m.rule.suppress_notices` silences notices, and
 * people must be notified of questions and reminders. Every message is `m.text`, consistently;
 * the bot only talks in direct chats with one person, where no other bot can loop with it.
 */
export function textContent(text: string): MatrixTextContent {
  return { msgtype: 'm.text', body: text, format: 'org.matrix.custom.html', formatted_body: escapeHtml(text).replace(/\r?\n/g, '<br>') };
}
