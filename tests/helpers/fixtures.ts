import type { Sql } from 'postgres';

/** A run with `questionCount` questions, ready to receive answers. */
export interface RunFixture {
  runId: number;
  questionIds: number[];
  chatId: number;
}

let nextChatId = -1000;

/** Inserts an owner, a group chat, a quiz with questions and a running run, with plain SQL. */
export async function createRunFixture(sql: Sql, questionCount = 3): Promise<RunFixture> {
  const chatId = nextChatId--;
  const ownerId = 1;
  await sql`insert into users (id, first_name) values (${ownerId}, 'Owner') on conflict do nothing`;
  await sql`insert into chats (id, type, title) values (${chatId}, 'supergroup', 'Test group')`;
  const [quiz] = await sql<{ id: number }[]>`
    insert into quizzes (owner_id, title) values (${ownerId}, 'Fixture quiz') returning id::int as id`;
  const questionIds: number[] = [];
  for (let position = 0; position < questionCount; position++) {
    const [question] = await sql<{ id: number }[]>`
      insert into questions (quiz_id, position, text, options, correct_option_ids)
      values (${quiz!.id}, ${position}, ${`Question ${position + 1}?`}, '{A,B,C}', '{1}')
      returning id::int as id`;
    questionIds.push(question!.id);
  }
  const settings = { openPeriodS: 30, shuffleOptions: false, rewardPoints: [100, 50, 25], participationPoints: 5 };
  const [run] = await sql<{ id: number }[]>`
    insert into runs (quiz_id, chat_id, started_by, mode, question_count, settings)
    values (${quiz!.id}, ${chatId}, ${ownerId}, 'group', ${questionCount}, ${JSON.stringify(settings)}::jsonb)
    returning id::int as id`;
  return { runId: run!.id, questionIds, chatId };
}
