/** Reading `/edit <id> [action ...]` (src/quiz/edit-command.ts): every action, and every way to get one wrong. */
import { describe, expect, it } from 'vitest';
import { parseEditCommand, type EditCommandProblem, type ParsedEditCommand } from '../../src/quiz/edit-command.js';

const BLOCK = 'Capital of France?\n- Paris *\n- Rome';

/** What parseEditCommand returns for a problem with quiz 12's command. */
const refused = (problem: EditCommandProblem): ParsedEditCommand => ({ ok: false, quizId: 12, problem });

describe('parseEditCommand', () => {
  it('reads each action', () => {
    expect(parseEditCommand('12', '')).toEqual({ ok: true, quizId: 12, command: { kind: 'show' } });
    expect(parseEditCommand(' 12  title   World  capitals ', '')).toEqual({
      ok: true,
      quizId: 12,
      command: { kind: 'title', title: 'World  capitals' },
    });
    expect(parseEditCommand('12 time 1m 30s', '')).toEqual({ ok: true, quizId: 12, command: { kind: 'time', period: '1m 30s' } });
    expect(parseEditCommand('12 DELETE 3', '')).toEqual({ ok: true, quizId: 12, command: { kind: 'delete', number: 3 } });
    expect(parseEditCommand('12 move #3 1', '')).toEqual({ ok: true, quizId: 12, command: { kind: 'move', from: 3, to: 1 } });
    expect(parseEditCommand('12 replace 2', BLOCK)).toEqual({ ok: true, quizId: 12, command: { kind: 'replace', number: 2, body: BLOCK } });
    expect(parseEditCommand('12 insert 1', BLOCK)).toEqual({ ok: true, quizId: 12, command: { kind: 'insert', before: 1, body: BLOCK } });
    expect(parseEditCommand('12 add', BLOCK)).toEqual({ ok: true, quizId: 12, command: { kind: 'insert', before: 'end', body: BLOCK } });
  });

  it('keeps a title given on several lines for the title check to refuse', () => {
    expect(parseEditCommand('12 title First', 'second')).toEqual({
      ok: true,
      quizId: 12,
      command: { kind: 'title', title: 'First\nsecond' },
    });
  });

  it('names what is wrong', () => {
    expect(parseEditCommand('', '')).toEqual({ ok: false, quizId: null, problem: { kind: 'no_quiz', word: '' } });
    expect(parseEditCommand('quiz 12', '')).toEqual({ ok: false, quizId: null, problem: { kind: 'no_quiz', word: 'quiz' } });
    expect(parseEditCommand('12 rename x', '')).toEqual(refused({ kind: 'unknown_action', word: 'rename' }));
    expect(parseEditCommand('12 delete', '')).toEqual(refused({ kind: 'needs_number', action: 'delete', word: '' }));
    expect(parseEditCommand('12 delete two', '')).toEqual(refused({ kind: 'needs_number', action: 'delete', word: 'two' }));
    expect(parseEditCommand('12 move 3', '')).toEqual(refused({ kind: 'needs_number', action: 'move', word: '' }));
    expect(parseEditCommand('12 delete 3 4', '')).toEqual(refused({ kind: 'extra', action: 'delete', text: '4' }));
    expect(parseEditCommand('12 delete 3', BLOCK).ok).toBe(false);
    expect(parseEditCommand('12 title', '')).toEqual(refused({ kind: 'needs_value', action: 'title' }));
    expect(parseEditCommand('12 time', '')).toEqual(refused({ kind: 'needs_value', action: 'time' }));
    expect(parseEditCommand('12 replace 2', '  ')).toEqual(refused({ kind: 'needs_question', action: 'replace' }));
    expect(parseEditCommand('12 add', '')).toEqual(refused({ kind: 'needs_question', action: 'add' }));
    expect(parseEditCommand('12 add 3', BLOCK)).toEqual(refused({ kind: 'extra', action: 'add', text: '3' }));
    expect(parseEditCommand('12', BLOCK)).toEqual(refused({ kind: 'extra', action: 'show', text: BLOCK }));
  });
});
