/**
 * The lines a text file adds to the quiz text format, the one owner of their spelling: a first
 * paragraph of settings (`title: World capitals`, `time: 30s` for the default time per
 * question), and in a question's block, after its first line, `time: 20s` for that question.
 * Neither is valid in the plain text format (a settings paragraph has no options; a `time:`
 * line inside a block would be a stray line), so every plain quiz text reads the same as a file.
 */
export const TXT_SETTINGS = { title: 'title', time: 'time' } as const;

const SETTING = /^(title|time)\s*:\s*(.*)$/iu;

/** A settings line's name (lower case) and value, or null when the line is none. */
export function readSettingLine(line: string): { name: 'title' | 'time'; value: string } | null {
  const match = SETTING.exec(line);
  if (match === null) return null;
  return { name: (match[1] as string).toLowerCase() as 'title' | 'time', value: (match[2] as string).trim() };
}

/** A settings line as the writer spells it. */
export function settingLine(name: 'title' | 'time', value: string): string {
  return `${name}: ${value}`;
}

/** A time as the writer spells it: whole seconds with an `s`, which parseOpenPeriod reads back. */
export function timeValue(seconds: number): string {
  return `${seconds}s`;
}
