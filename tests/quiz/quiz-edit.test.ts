/** Planning an edit of a quiz's question list (src/quiz/quiz-edit.ts): the list it makes, and each refusal. */
import { describe, expect, it } from 'vitest';
import { planQuestionEdit, type EditedSlot } from '../../src/quiz/quiz-edit.js';

const LIST = ['a', 'b', 'c'] as const;

/** The plan's list as letters: kept items as they are, new ones in capitals. */
function letters(slots: readonly EditedSlot<string, string>[]): string[] {
  return slots.map((slot) => (slot.kind === 'kept' ? slot.item : slot.question.toUpperCase()));
}

function planned(edit: Parameters<typeof planQuestionEdit<string, string>>[1], max?: number) {
  const result = planQuestionEdit<string, string>(LIST, edit, max);
  if (!result.ok) throw new Error(`refused: ${result.refusal.kind}`);
  return { list: letters(result.plan.slots), removed: result.plan.removed, changed: result.plan.changed };
}

describe('planQuestionEdit', () => {
  it('deletes, moves, replaces and inserts', () => {
    expect(planned({ kind: 'delete', number: 2 })).toEqual({ list: ['a', 'c'], removed: ['b'], changed: [] });
    expect(planned({ kind: 'move', from: 3, to: 1 })).toEqual({ list: ['c', 'a', 'b'], removed: [], changed: [1] });
    expect(planned({ kind: 'move', from: 1, to: 3 })).toEqual({ list: ['b', 'c', 'a'], removed: [], changed: [3] });
    expect(planned({ kind: 'replace', number: 2, question: 'x' })).toEqual({ list: ['a', 'X', 'c'], removed: ['b'], changed: [2] });
    expect(planned({ kind: 'insert', before: 1, questions: ['x', 'y'] })).toEqual({
      list: ['X', 'Y', 'a', 'b', 'c'],
      removed: [],
      changed: [1, 2],
    });
    expect(planned({ kind: 'insert', before: 4, questions: ['x'] })).toEqual({ list: ['a', 'b', 'c', 'X'], removed: [], changed: [4] });
    expect(planned({ kind: 'insert', before: 'end', questions: ['x'] })).toEqual({ list: ['a', 'b', 'c', 'X'], removed: [], changed: [4] });
  });

  it('refuses numbers the list does not have, the last question, a full quiz and a move to the same place', () => {
    const refusal = (edit: Parameters<typeof planQuestionEdit<string, string>>[1], list: readonly string[] = LIST, max?: number) => {
      const result = planQuestionEdit<string, string>(list, edit, max);
      return result.ok ? undefined : result.refusal;
    };
    expect(refusal({ kind: 'delete', number: 4 })).toEqual({ kind: 'no_such_question', number: 4, count: 3 });
    expect(refusal({ kind: 'delete', number: 0 })).toEqual({ kind: 'no_such_question', number: 0, count: 3 });
    expect(refusal({ kind: 'move', from: 1, to: 9 })).toEqual({ kind: 'no_such_question', number: 9, count: 3 });
    expect(refusal({ kind: 'replace', number: 5, question: 'x' })).toEqual({ kind: 'no_such_question', number: 5, count: 3 });
    expect(refusal({ kind: 'insert', before: 5, questions: ['x'] })).toEqual({ kind: 'no_such_place', number: 5, count: 3 });
    expect(refusal({ kind: 'delete', number: 1 }, ['only'])).toEqual({ kind: 'last_question' });
    expect(refusal({ kind: 'insert', before: 'end', questions: ['x', 'y'] }, LIST, 4)).toEqual({
      kind: 'too_many',
      count: 3,
      adding: 2,
      max: 4,
    });
    expect(refusal({ kind: 'move', from: 2, to: 2 })).toEqual({ kind: 'same_place', number: 2 });
  });

  it('holds a quiz at 100 questions by default', () => {
    const full = Array.from({ length: 100 }, (_, i) => `q${i}`);
    const result = planQuestionEdit<string, string>(full, { kind: 'insert', before: 'end', questions: ['x'] });
    expect(result).toEqual({ ok: false, refusal: { kind: 'too_many', count: 100, adding: 1, max: 100 } });
  });
});
