// Placeholder: replaced by the /myquizzes feature (in progress).
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

export const myQuizzesFeature = new Composer<BotContext>();
