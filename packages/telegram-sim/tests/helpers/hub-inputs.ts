/**
 * What the update hub's tests hand it (update-hub.test.ts, webhook-delivery.test.ts): request
 * parameters as the HTTP layer parses them, and the body of a plain private text message.
 */
import { Params } from '../../src/params.js';

/** Request parameters exactly as the HTTP layer parses them. */
export const params = (values: Record<string, unknown> = {}) => new Params(values);

/** An update body: `text` sent in the private chat of user `chatId`. */
export function privateTextUpdate(text: string, chatId = 1): object {
  return {
    message: {
      message_id: 1,
      date: 0,
      chat: { id: chatId, type: 'private', first_name: 'A' },
      from: { id: chatId, is_bot: false, first_name: 'A' },
      text,
    },
  };
}
