// The one barrel file of the project: drizzle-kit and drizzle() want the whole schema at once.
export * from './users.js';
export * from './chats.js';
export * from './quizzes.js';
export * from './questions.js';
export * from './runs.js';
export * from './run-questions.js';
export * from './answers.js';
export * from './rewards.js';
export * from './player-stats.js';
export * from './quiz-plays.js';
export * from './quiz-drafts.js';
export * from './inbox.js';
export * from './outbox.js';
