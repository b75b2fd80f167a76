// A unified diff of a page before and after the bot's change: `render --check`, `preview`, the check run and the demo show it.
import { createTwoFilesPatch } from "diff";

export function pageDiff(path: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
}
