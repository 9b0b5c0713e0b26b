/**
 * The benchmark talks to the bot the way a user does, through the simulator's world: creates
 * the quiz with a one-message `/newquiz` in private and starts it in the group with /startquiz.
 */
import { nextBotMessage } from 'telegram-sim/bot-messages';
import type { World } from 'telegram-sim/world';

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
  const reply = await nextBotMessage(
    world,
    ownerId,
    sent.messageId,
    (m) => /saved with|problem/.test(m.text ?? ''),
    30_000,
    'the answer to /newquiz',
  );
  const id = /\(id (\d+)\)/.exec(reply.text ?? '');
  if (!id) throw new Error(`the bot did not create the quiz; it answered: ${reply.text ?? '(no text)'}`);
  return Number(id[1]);
}
