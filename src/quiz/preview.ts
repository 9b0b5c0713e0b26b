/**
 * The start of a long text, for messages that quote what a user wrote: `length` characters
 * (code points, so an emoji is never cut in half) and an ellipsis.
 *
 * @example preview('Mount Kilimanjaro in Tanzania') // 'Mount Kilimanjaro in…'
 */
export function preview(text: string, length = 20): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length).join('')}…`;
}
