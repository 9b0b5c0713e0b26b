/**
 * A chat's transcript as text people can read: what the bot sent and what users did, in order,
 * with clock times. The demo prints one; tests read `chat.transcript` directly.
 */
import type { World } from './world.js';
import type { DocumentDetail, SimChat, TranscriptEntry } from './world-types.js';

export interface TranscriptFormat {
  /** Show every vote ('all') or leave votes out and count them at poll close ('summary') [summary]. */
  votes?: 'all' | 'summary';
}

/** Formats `chat`'s transcript, one line per entry (multi-line texts indented). */
export function formatTranscript(chat: SimChat, world: World, format: TranscriptFormat = {}): string {
  const lines: string[] = [];
  for (const entry of chat.transcript) {
    if (entry.kind === 'poll_answer' && format.votes !== 'all') continue;
    lines.push(`[${clockTime(entry.at)}] ${who(entry, world)}${describe(entry)}`);
  }
  return lines.join('\n');
}

function who(entry: TranscriptEntry, world: World): string {
  if (entry.by === 'bot') return 'bot';
  const user = world.user(entry.by);
  return user ? (user.username ? `@${user.username}` : user.firstName) : `user ${entry.by}`;
}

function describe(entry: TranscriptEntry): string {
  const text = (entry.text ?? '').replace(/\n/g, '\n    ');
  switch (entry.kind) {
    case 'message':
      return `: ${text}`;
    case 'document': {
      const detail = entry.detail as DocumentDetail;
      return ` [document #${entry.messageId}] ${detail.fileName ?? 'file'} (${detail.fileSize} bytes)${text ? `: ${text}` : ''}`;
    }
    case 'photo':
      return ` [photo #${entry.messageId}]${text ? `: ${text}` : ''}`;
    case 'poll': {
      const detail = entry.detail as { options: string[]; correct?: number[]; openPeriod?: number; media?: { kind: string } };
      const options = detail.options.map((o, i) => (detail.correct?.includes(i) ? `${o} ✓` : o)).join(' | ');
      const media = detail.media ? ` [${detail.media.kind}]` : '';
      return ` [poll #${entry.messageId}]${media} ${text}\n    ( ${options} )${detail.openPeriod ? ` open ${detail.openPeriod}s` : ''}`;
    }
    case 'poll_closed':
      return ` [poll #${entry.messageId} closed] ${text} — ${(entry.detail as { voters: number }).voters} voters`;
    case 'poll_answer':
      return ` voted ${JSON.stringify(entry.detail)} in poll #${entry.messageId}`;
    case 'edit':
      return ` [edited #${entry.messageId}]: ${text}`;
    case 'delete':
      return ` [deleted #${entry.messageId}]`;
    case 'pin':
      return ` [pinned #${entry.messageId}]`;
    case 'callback':
      return ` pressed "${text}" on #${entry.messageId}`;
    case 'callback_answer':
      return ` answered the button press${text ? `: ${text}` : ''}`;
  }
}

function clockTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}
