// Placeholder: replaced by the quiz creation feature (in progress).
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

export const createQuizFeature = new Composer<BotContext>();
