/**
 * The benchmark talks to the bot the way a user does, through the simulator's world: creates
 * the quiz with a one-message `/newquiz` in private and starts it in the group with /startquiz.
 */
import type { World } from '../../src/sim/world.js';
import type { SimChat, SimMessage } from '../../src/sim/world-types.js';

/**
 * The first bot message in `chatId` after message `afterId` that `match` accepts, waiting for
 * it (every bot message in the world is an event) for at most `timeoutMs`.
 */
export function nextBotMessage(
  world: World,
  chatId: number,
  afterId: number,
  match: (message: SimMessage) => boolean,
  timeoutMs: number,
  what: string,
): Promise<SimMessage> {
  const accepts = (message: SimMessage): boolean => message.fromId === 0 && message.chatId === chatId && message.messageId > afterId && match(message);
  const chat = world.chat(chatId);
  const already = chat ? [...chat.messages.values()].find(accepts) : undefined;
  if (already) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const onMessage = (message: SimMessage, _chat: SimChat): void => {
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

/**
 * A quiz of `questions` questions in the format of ARCHITECTURE.md, four options each; the
 * correct option moves around so that scores depend on which option each player picks.
 */
export function benchQuizText(questions: number): string {
  const blocks: string[] = [];
  for (let q = 0; q < questions; q++) {
    const correct = q % 4;
    const options = ['A', 'B', 'C', 'D'].map((letter, i) => `- Option ${letter}${i === correct ? ' *' : ''}`);
    blocks.push([`Benchmark question ${q + 1}: which option is right?`, ...options, `> Option ${'ABCD'[correct]} was right.`].join('\n'));
  }
  return blocks.join('\n\n');
}

/**
 * `ownerId` (a user who started the bot) creates the quiz with one `/newquiz <title>` message
 * in private; resolves with the quiz id from the bot's confirmation.
 */
export async function createQuizInChat(world: World, ownerId: number, title: string, questions: number): Promise<number> {
  const sent = world.sendText(ownerId, ownerId, `/newquiz ${title}\n${benchQuizText(questions)}`);
  // The owner's /start may still be answered first: wait for the answer that is about the quiz.
  const reply = await nextBotMessage(world, ownerId, sent.messageId, (m) => /saved with|problem/.test(m.text ?? ''), 30_000, 'the answer to /newquiz');
  const id = /\(id (\d+)\)/.exec(reply.text ?? '');
  if (!id) throw new Error(`the bot did not create the quiz; it answered: ${reply.text ?? '(no text)'}`);
  return Number(id[1]);
}
