/**
 * Edits of a quiz by its author (`/edit`). Question rows are never changed or deleted: replacing
 * a question retires its row (`retired_at`) and inserts a new one at its place, deleting retires
 * it, and positions are only the order of the live rows. Runs keep the question ids they started
 * with (runs.settings.questionIds), so a running quiz keeps its version, and finished runs,
 * answers and results keep pointing at the questions they asked.
 *
 * Each edit is one transaction that first locks the quiz row (`select ... for update`), so two
 * edits of one quiz never interleave (whichever replica serves them), and a run started meanwhile
 * reads the list before or after an edit, never half of it (getQuizToStart reads it in one
 * statement).
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { planQuestionEdit, type EditRefusal, type QuestionEdit } from '../../quiz/quiz-edit.js';
import type { Executor, Transaction } from '../database.js';
import { questions, type Question } from '../schema/questions.js';
import { quizzes, type Quiz } from '../schema/quizzes.js';
import { toArrayLiteral } from './array-literal.js';
import { getLiveQuestions, newQuestionRow, type NewQuizQuestion } from './quizzes.js';

/** Whose quiz an edit is for: only its author may edit it, and only while it is not deleted. */
export interface OwnQuiz {
  quizId: number;
  ownerId: number;
}

/** The outcome of {@link editQuizQuestions}. */
export type QuestionEditResult =
  /** No such quiz, deleted, or someone else's: nothing changed. */
  | { ok: false; reason: 'not-found' }
  /** The edit does not fit the list as it is now: nothing changed. */
  | { ok: false; reason: 'refused'; refusal: EditRefusal; questionCount: number }
  | {
      ok: true;
      quiz: Quiz;
      /** The live questions after the edit, in order. */
      questions: Question[];
      /** 1-based numbers (in `questions`) of the questions written or moved. */
      changed: number[];
      /** The questions the edit retired (deleted or replaced). */
      removed: Question[];
    };

/**
 * Replaces, deletes, inserts or moves questions of the author's quiz (src/quiz/quiz-edit.ts says
 * which edits are allowed) in one transaction holding the quiz row's lock.
 *
 * @example
 * const result = await editQuizQuestions(db, { quizId: 12, ownerId, edit: { kind: 'move', from: 3, to: 1 } });
 */
export async function editQuizQuestions(
  executor: Executor,
  params: OwnQuiz & { edit: QuestionEdit<NewQuizQuestion> },
): Promise<QuestionEditResult> {
  return executor.transaction(async (tx) => {
    const quiz = await lockOwnQuiz(tx, params);
    if (!quiz) return { ok: false, reason: 'not-found' };
    const live = await getLiveQuestions(tx, quiz.id);
    const planned = planQuestionEdit(live, params.edit);
    if (!planned.ok) return { ok: false, reason: 'refused', refusal: planned.refusal, questionCount: live.length };
    const { slots, removed, changed } = planned.plan;
    if (removed.length > 0) {
      await tx
        .update(questions)
        .set({ retiredAt: sql`now()` })
        .where(
          inArray(
            questions.id,
            removed.map((q) => q.id),
          ),
        );
    }
    // Kept rows that change place step aside first (negative positions, outside every final
    // place), so no statement ever makes two live rows share a place: the partial unique index
    // is checked row by row, not at the end of a statement.
    const moving = slots.flatMap((slot, position) =>
      slot.kind === 'kept' && slot.item.position !== position ? [{ id: slot.item.id, position }] : [],
    );
    if (moving.length > 0) {
      await tx
        .update(questions)
        .set({ position: sql`-1 - ${questions.position}` })
        .where(
          inArray(
            questions.id,
            moving.map((m) => m.id),
          ),
        );
    }
    const added = slots.flatMap((slot, position) => (slot.kind === 'new' ? [newQuestionRow(quiz.id, position, slot.question)] : []));
    if (added.length > 0) await tx.insert(questions).values(added);
    if (moving.length > 0) {
      await tx.execute(sql`
        update questions set position = moved.position
        from unnest(${toArrayLiteral(moving.map((m) => m.id))}::bigint[], ${toArrayLiteral(moving.map((m) => m.position))}::int[]) as moved(id, position)
        where questions.id = moved.id`);
    }
    return { ok: true, quiz, questions: await getLiveQuestions(tx, quiz.id), changed, removed };
  });
}

/** Renames the author's quiz (the title already checked); undefined when it is not theirs or gone. */
export async function renameQuiz(executor: Executor, params: OwnQuiz & { title: string }): Promise<Quiz | undefined> {
  const [quiz] = await executor.update(quizzes).set({ title: params.title }).where(ownQuiz(params)).returning();
  return quiz;
}

/** Sets the author's quiz's default seconds per question (already checked); undefined when it is not theirs or gone. */
export async function setQuizOpenPeriod(executor: Executor, params: OwnQuiz & { openPeriodS: number }): Promise<Quiz | undefined> {
  const [quiz] = await executor.update(quizzes).set({ openPeriodS: params.openPeriodS }).where(ownQuiz(params)).returning();
  return quiz;
}

/** The author's live quiz, its row locked until the transaction ends. */
async function lockOwnQuiz(tx: Transaction, params: OwnQuiz): Promise<Quiz | undefined> {
  const [quiz] = await tx.select().from(quizzes).where(ownQuiz(params)).for('update');
  return quiz;
}

function ownQuiz(params: OwnQuiz) {
  return and(eq(quizzes.id, params.quizId), eq(quizzes.ownerId, params.ownerId), isNull(quizzes.deletedAt));
}
