// Which comments are the recreate command: a line that is exactly the command, outside code blocks and quotes.
import { describe, expect, it } from "vitest";
import { isRecreateCommand } from "../../src/sync/recreate.js";

describe("isRecreateCommand", () => {
  it.each([
    "/support-matrix-bot recreate",
    "/Support-Matrix-Bot RECREATE",
    "   /support-matrix-bot recreate  ",
    "Thanks, I looked at it.\n\n/support-matrix-bot recreate\n",
    "```\ncode\n```\n/support-matrix-bot recreate",
    "/support-matrix-bot\trecreate\r\nthanks",
  ])("accepts %j", (body) => {
    expect(isRecreateCommand(body)).toBe(true);
  });

  it.each([
    "/Support-Matrix-Bot RECREATE-nothing",
    "/support-matrix-bot recreate please",
    "please /support-matrix-bot recreate",
    "/support-matrix-bot recreated",
    "    /support-matrix-bot recreate",
    "\t/support-matrix-bot recreate",
    "> /support-matrix-bot recreate",
    "```\n/support-matrix-bot recreate\n```",
    "~~~~\n/support-matrix-bot recreate\n~~~\n/support-matrix-bot recreate",
    "```sh\n/support-matrix-bot recreate",
    "`/support-matrix-bot recreate`",
  ])("refuses %j", (body) => {
    expect(isRecreateCommand(body)).toBe(false);
  });
});
