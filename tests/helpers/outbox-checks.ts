/**
 * What the outbox-engine tests check about a chat: each question posted once, at most one
 * announcement and one results message, and the wait for the results.
 */
import { expect } from 'vitest';
import type { SimMessage } from 'telegram-sim/world-types';
import type { BotHarness } from './bot-harness.js';

export const QUESTIONS = [
  { text: 'One?', options: ['a', 'b'], correctOptionIds: [0] },
  { text: 'Two?', options: ['a', 'b', 'c'], correctOptionIds: [2] },
  { text: 'Three?', options: ['x', 'y'], correctOptionIds: [1] },
];

/** How many times each question text was posted as a poll in the chat. */
function pollsByQuestion(messages: SimMessage[], h: BotHarness): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    if (message.pollId === undefined) continue;
    const question = h.sim.world.poll(message.pollId)?.question ?? '?';
    counts.set(question, (counts.get(question) ?? 0) + 1);
  }
  return counts;
}

export function expectEachQuestionOnce(h: BotHarness, chatId: number, questionCount: number): void {
  const counts = pollsByQuestion(h.botMessages(chatId), h);
  expect([...counts.values()]).toEqual(Array.from({ length: questionCount }, () => 1));
  const announcements = h.botMessages(chatId).filter((m) => m.text?.startsWith('🎲 Get ready'));
  expect(announcements.length).toBeLessThanOrEqual(1);
  const results = h.botMessages(chatId).filter((m) => m.text?.startsWith('🏁') || m.text?.startsWith('🛑'));
  expect(results.length).toBeLessThanOrEqual(1);
}

export async function resultsOf(h: BotHarness, chatId: number, afterId: number): Promise<SimMessage> {
  return h.waitFor(
    () =>
      h.botMessages(chatId).find((m) => m.messageId > afterId && (m.text?.includes('has finished') || m.text?.includes('stopped early'))),
    'the results',
    90_000,
  );
}
