/**
 * Generated updates for the intake fuzz test (tests/bot/intake-fuzz.test.ts, `npm run fuzz`):
 * fast-check arbitraries of *valid* poll answers (the oracle knows what each must store), of
 * valid-looking updates of every kind the bot takes, *mutated* (a field deleted or replaced by
 * a hostile value: an id past 2^53, -1, 40000, U+0000, a lone surrogate, 10,000 option ids, deep
 * nesting), and of *random* JSON under any kind. Forged users and chats live in id ranges of
 * their own, so nothing generated can touch the real quiz the bot is playing except by answering
 * its poll, and every valid answer comes from users only valid answers use.
 */
import fc from 'fast-check';

/** Stands for the id of the poll the bot is asking now; replaced when the update is sent. */
export const CURRENT_POLL = '@current-poll';
/** Users whose answers are all valid: the oracle expects each one's last vote stored. */
export const VALID_USER_BASE = 9_000_000_000_000;
export const VALID_USERS = 40;
/** The quiz's options: the poll has three. */
export const OPTION_COUNT = 3;

/** One generated update: how the simulator files it, and its payload (update_id is the simulator's). */
export interface GeneratedUpdate {
  /** The simulator's update type (allowed_updates filters on it; the payload may say otherwise). */
  type: 'message' | 'callback_query' | 'poll' | 'poll_answer' | 'my_chat_member';
  /** The webhook delivery line (one chat's or user's updates go one at a time). */
  orderKey: string;
  payload: Record<string, unknown>;
  /** For a valid answer: whose, and the options chosen (the poll's, unshuffled). */
  valid?: { userId: number; optionIds: number[] };
  /** valid | mutated | random: for the summary. */
  family: 'valid' | 'mutated' | 'random';
}

/** Text with what PostgreSQL cannot store, and what it can (U+FFFD is never generated: a stored one would mean a lone surrogate reached the database). */
const hostileText = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDC00y', '\uD83C', '🎉 ok', '', ' '.repeat(300)),
    fc.array(fc.constantFrom('a', '\u0000', '\uD83D', '\uDE00', 'é', '/'), { maxLength: 8 }).map((parts) => parts.join('')),
  )
  .map((text) => text.replaceAll('\uFFFD', '?'));

const forgedUserId = fc.oneof(fc.integer({ min: 2_000_000_000, max: 2_000_100_000 }), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER));
const forgedChatId = fc.oneof(
  fc.integer({ min: 3_000_000_000, max: 3_000_100_000 }),
  fc.integer({ min: -3_000_000_100_000, max: -3_000_000_000_000 }),
);

const user = (id: fc.Arbitrary<number>) =>
  fc.record(
    { id, is_bot: fc.boolean(), first_name: hostileText, username: fc.option(hostileText, { nil: undefined }) },
    { requiredKeys: ['id', 'is_bot', 'first_name'] },
  );
const chat = fc.record({ id: forgedChatId, type: fc.constantFrom('private', 'group', 'supergroup'), title: hostileText });

const commandText = fc.oneof(
  fc.constantFrom(
    '/help',
    '/start',
    '/leaderboard',
    '/myscore',
    '/myquizzes',
    '/done',
    '/cancel',
    '/stopquiz',
    '/play 1',
    '/startquiz 1 5s',
  ),
  hostileText.map((title) => `/newquiz ${title}\nQ${title}?\n- a *\n- ${title}b`),
  hostileText,
);
const message = fc
  .record({
    message_id: fc.nat({ max: 1_000_000 }),
    date: fc.nat({ max: 2_000_000_000 }),
    chat,
    from: user(forgedUserId),
    text: commandText,
  })
  .map((m) =>
    m.text.startsWith('/') ? { ...m, entities: [{ type: 'bot_command', offset: 0, length: m.text.split(/\s/)[0]!.length }] } : m,
  );

const validLooking: fc.Arbitrary<Omit<GeneratedUpdate, 'family'>> = fc.oneof(
  message.map((m) => ({ type: 'message' as const, orderKey: String(m.chat.id), payload: { message: m } })),
  fc
    .record(
      {
        id: fc.string({ maxLength: 20 }),
        from: user(forgedUserId),
        message: fc.option(message, { nil: undefined }),
        chat_instance: fc.string({ maxLength: 10 }),
        data: fc.oneof(fc.constantFrom('rank:1', 'quiz:del:1', 'quiz:del-yes:1', 'rank:999999999999999'), hostileText),
      },
      { requiredKeys: ['id', 'from', 'chat_instance'] },
    )
    .map((q) => ({ type: 'callback_query' as const, orderKey: `user:${q.from.id}`, payload: { callback_query: q } })),
  fc
    .record({
      chat,
      from: user(forgedUserId),
      date: fc.nat({ max: 2_000_000_000 }),
      old_chat_member: fc.record({ status: fc.constantFrom('member', 'left'), user: user(forgedUserId) }),
      new_chat_member: fc.record({ status: fc.constantFrom('member', 'administrator', 'left', 'kicked'), user: user(forgedUserId) }),
    })
    .map((m) => ({ type: 'my_chat_member' as const, orderKey: String(m.chat.id), payload: { my_chat_member: m } })),
  fc
    .record({
      id: fc.oneof(fc.constant(CURRENT_POLL), fc.string({ maxLength: 20 })),
      question: hostileText,
      options: fc.array(fc.record({ text: hostileText, voter_count: fc.nat(100) }), { minLength: 1, maxLength: 12 }),
      total_voter_count: fc.nat(100),
      is_closed: fc.boolean(),
      is_anonymous: fc.boolean(),
      type: fc.constantFrom('quiz', 'regular'),
      allows_multiple_answers: fc.boolean(),
    })
    .map((p) => ({ type: 'poll' as const, orderKey: `poll:${p.id}`, payload: { poll: p } })),
  fc
    .record({
      poll_id: fc.oneof(fc.constant(CURRENT_POLL), fc.string({ maxLength: 20 })),
      user: user(forgedUserId),
      option_ids: fc.subarray([0, 1, 2]),
    })
    .map((a) => ({ type: 'poll_answer' as const, orderKey: `user:${a.user.id}`, payload: { poll_answer: a } })),
);

/** A valid vote (or retraction) of one of the valid users on the current poll. */
const validAnswer: fc.Arbitrary<GeneratedUpdate> = fc
  .record({ index: fc.nat(VALID_USERS - 1), optionIds: fc.subarray([0, 1, 2]), firstName: hostileText })
  .map(({ index, optionIds, firstName }) => {
    const userId = VALID_USER_BASE + index;
    return {
      type: 'poll_answer' as const,
      orderKey: `user:${userId}`,
      payload: {
        poll_answer: { poll_id: CURRENT_POLL, user: { id: userId, is_bot: false, first_name: firstName }, option_ids: optionIds },
      },
      valid: { userId, optionIds },
      family: 'valid' as const,
    };
  });

/** Values a forger would try in place of a field. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(2 ** 62, 2 ** 53, -1, 40_000, 1.5, 0, null, true, '', '\u0000', [], {}, [99], [1, 1], [-1], ['0']),
  hostileText,
  fc.array(fc.integer({ min: -5, max: 40_000 }), { maxLength: 12 }),
  fc.constant(Array.from({ length: 10_000 }, (_, i) => i)),
  fc.jsonValue({ maxDepth: 2 }),
  fc.nat(40).map((depth) => nested(depth + 30)),
);

/** A valid-looking update with one field deleted or replaced, or with the kind's key renamed. */
const mutated: fc.Arbitrary<GeneratedUpdate> = fc
  .tuple(
    validLooking,
    fc.nat(),
    fc.constantFrom('replace', 'replace', 'delete', 'rekind'),
    hostileValue,
    fc.constantFrom('edited_message', 'chat_member', 'inline_query', 'poll_answer', 'message'),
  )
  .map(([update, pick, operation, value, kind]) => {
    const payload = structuredClone(update.payload);
    if (operation === 'rekind') {
      const [only] = Object.values(payload);
      return { ...update, payload: { [kind]: only, ...(pick % 2 === 0 ? payload : {}) }, family: 'mutated' as const };
    }
    const paths = pathsOf(payload);
    const path = paths[pick % paths.length]!;
    setAt(payload, path, operation === 'delete' ? undefined : value);
    return { ...update, payload, family: 'mutated' as const };
  });

/** Random JSON under a random (or a real) kind. */
const random: fc.Arbitrary<GeneratedUpdate> = fc
  .record({
    kind: fc.oneof(
      fc.constantFrom('message', 'callback_query', 'poll', 'poll_answer', 'my_chat_member', 'edited_message'),
      fc.string({ maxLength: 8 }),
    ),
    value: fc.jsonValue({ maxDepth: 3 }),
    extra: fc.option(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }), { nil: undefined }),
  })
  .map(({ kind, value, extra }) => ({
    type: 'message' as const,
    orderKey: 'random',
    payload: { ...extra, [kind]: value },
    family: 'random' as const,
  }));

/** A batch of `size` updates: about a third valid answers, a third mutated, the rest valid-looking or random. */
export function updateBatch(size: number): fc.Arbitrary<GeneratedUpdate[]> {
  const one = fc.oneof(
    { arbitrary: validAnswer, weight: 3 },
    { arbitrary: mutated, weight: 3 },
    { arbitrary: validLooking.map((u) => ({ ...u, family: 'mutated' as const })), weight: 2 },
    { arbitrary: random, weight: 2 },
  );
  return fc.array(one, { minLength: size, maxLength: size });
}

/** `payload` with the current poll's id in place of {@link CURRENT_POLL}. */
export function withPoll(payload: Record<string, unknown>, pollId: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(payload).replaceAll(`"${CURRENT_POLL}"`, JSON.stringify(pollId))) as Record<string, unknown>;
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom\u0000';
  for (let i = 0; i < depth; i++) value = { deeper: value };
  return value;
}

type Path = (string | number)[];

/** Every path to a value inside `root` (objects' keys and arrays' indexes), the root's own fields first. */
function pathsOf(root: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (typeof root !== 'object' || root === null) return out;
  const entries: [string | number, unknown][] = Array.isArray(root) ? root.map((v, i) => [i, v]) : Object.entries(root);
  for (const [key, value] of entries) {
    out.push([...prefix, key]);
    pathsOf(value, [...prefix, key], out);
  }
  return out;
}

function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  let parent: unknown = root;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const last = path[path.length - 1]!;
  const container = parent as Record<string | number, unknown>;
  if (value === undefined && !Array.isArray(container)) delete container[last];
  else container[last] = value;
}
