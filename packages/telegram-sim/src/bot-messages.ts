/**
 * Waiting for what the bot says in the simulator: the demo, the benchmarks and the e2e tests
 * all wait for "the bot's next message in this chat that looks like X".
 */
import type { World } from './world.js';
import type { SimMessage } from './world-types.js';

/**
 * The first bot message in `chatId` after message `afterId` that `match` accepts: one already
 * there, or the next one sent (every bot message in the world is an event), within `timeoutMs`.
 */
export function nextBotMessage(
  world: World,
  chatId: number,
  afterId: number,
  match: (message: SimMessage) => boolean,
  timeoutMs: number,
  what: string,
): Promise<SimMessage> {
  const accepts = (message: SimMessage): boolean =>
    message.fromId === 0 && message.chatId === chatId && message.messageId > afterId && match(message);
  const chat = world.chat(chatId);
  const already = chat ? [...chat.messages.values()].find(accepts) : undefined;
  if (already) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const onMessage = (message: SimMessage): void => {
      if (!accepts(message)) return;
      clearTimeout(timer);
      world.off('botMessage', onMessage);
      resolve(message);
    };
    const timer = setTimeout(() => {
      world.off('botMessage', onMessage);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    world.on('botMessage', onMessage);
  });
}
