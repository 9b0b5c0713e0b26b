/**
 * The rules of editing a quiz's question list (`/edit`): which question numbers an edit may name,
 * what the list becomes, and why an edit is refused. Numbers are 1-based, as the author reads
 * them in `/edit <id>`. Pure: the store applies the plan (src/store/queries/quiz-edits.ts).
 */
import { QUIZ_QUESTIONS_MAX } from './quiz-title.js';

/** One change of a quiz's question list; `Q` is a new question. */
export type QuestionEdit<Q> =
  | { kind: 'delete'; number: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'replace'; number: number; question: Q }
  /** Before question `before`; 'end' appends (`add`). */
  | { kind: 'insert'; before: number | 'end'; questions: readonly Q[] };

/** Why an edit cannot be made to the list as it is now (the bot's texts say it in words). */
export type EditRefusal =
  | { kind: 'no_such_question'; number: number; count: number }
  /** Insert positions run to count + 1 (the end). */
  | { kind: 'no_such_place'; number: number; count: number }
  | { kind: 'last_question' }
  | { kind: 'too_many'; count: number; adding: number; max: number }
  | { kind: 'same_place'; number: number };

/** A place of the edited list: a question kept (maybe moved), or a new one. */
export type EditedSlot<T, Q> = { kind: 'kept'; item: T } | { kind: 'new'; question: Q };

/** What an accepted edit makes of the list. */
export interface EditPlan<T, Q> {
  /** The list after the edit, in order. */
  slots: EditedSlot<T, Q>[];
  /** Questions that leave the list (deleted or replaced). */
  removed: T[];
  /** The 1-based numbers, in the new list, of the questions the edit wrote or moved. */
  changed: number[];
}

export type PlannedEdit<T, Q> = { ok: true; plan: EditPlan<T, Q> } | { ok: false; refusal: EditRefusal };

/**
 * Plans `edit` on the live list `live`, or says why it cannot be made.
 *
 * @example planQuestionEdit(['a', 'b', 'c'], { kind: 'move', from: 3, to: 1 })
 * // { ok: true, plan: { slots: [c, a, b] (as kept slots), removed: [], changed: [1] } }
 */
export function planQuestionEdit<T, Q>(live: readonly T[], edit: QuestionEdit<Q>, max = QUIZ_QUESTIONS_MAX): PlannedEdit<T, Q> {
  const count = live.length;
  const kept: EditedSlot<T, Q>[] = live.map((item) => ({ kind: 'kept', item }));
  const missing = (number: number): PlannedEdit<T, Q> | undefined =>
    isNumberIn(number, count) ? undefined : { ok: false, refusal: { kind: 'no_such_question', number, count } };
  switch (edit.kind) {
    case 'delete': {
      const refused = missing(edit.number);
      if (refused) return refused;
      if (count === 1) return { ok: false, refusal: { kind: 'last_question' } };
      const removed = live[edit.number - 1] as T;
      return { ok: true, plan: { slots: kept.filter((_, i) => i !== edit.number - 1), removed: [removed], changed: [] } };
    }
    case 'move': {
      const refused = missing(edit.from) ?? missing(edit.to);
      if (refused) return refused;
      if (edit.from === edit.to) return { ok: false, refusal: { kind: 'same_place', number: edit.from } };
      const slots = [...kept];
      const [moving] = slots.splice(edit.from - 1, 1);
      slots.splice(edit.to - 1, 0, moving as EditedSlot<T, Q>);
      return { ok: true, plan: { slots, removed: [], changed: [edit.to] } };
    }
    case 'replace': {
      const refused = missing(edit.number);
      if (refused) return refused;
      const slots = [...kept];
      slots[edit.number - 1] = { kind: 'new', question: edit.question };
      return { ok: true, plan: { slots, removed: [live[edit.number - 1] as T], changed: [edit.number] } };
    }
    case 'insert': {
      const before = edit.before === 'end' ? count + 1 : edit.before;
      if (!isNumberIn(before, count + 1)) return { ok: false, refusal: { kind: 'no_such_place', number: before, count } };
      const adding = edit.questions.length;
      if (count + adding > max) return { ok: false, refusal: { kind: 'too_many', count, adding, max } };
      const slots = [...kept];
      slots.splice(before - 1, 0, ...edit.questions.map((question): EditedSlot<T, Q> => ({ kind: 'new', question })));
      return { ok: true, plan: { slots, removed: [], changed: Array.from({ length: adding }, (_, i) => before + i) } };
    }
  }
}

/** Whether `number` names one of `count` questions (1-based). */
function isNumberIn(number: number, count: number): boolean {
  return Number.isSafeInteger(number) && number >= 1 && number <= count;
}
