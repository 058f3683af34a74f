/** A notice on the boards: how long it may be (the API refuses longer; the console counts down to it). */
export const NOTICE_MAX_LENGTH = 200;

/** Characters as people count them (an emoji is one), as the API's length check counts them. */
export function noticeLength(text: string): number {
  return [...text.trim()].length;
}
