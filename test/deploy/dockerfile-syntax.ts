// Reads a Dockerfile into stages of instructions, close enough to BuildKit's rules for the deploy tests to check what the image will contain.

export interface Instruction {
  /** Upper-case keyword: FROM, RUN, COPY, … */
  readonly keyword: string;
  /** Leading `--name=value` options (`--from`, `--mount`, `--interval`, …); a bare `--flag` maps to "". */
  readonly flags: Readonly<Record<string, string>>;
  /** Everything after the flags, continuation lines joined with one space. */
  readonly rest: string;
  /** The rest as a JSON string array when written in exec form, else null. */
  readonly exec: readonly string[] | null;
  /** 1-based line where the instruction starts, for failure messages. */
  readonly line: number;
}

export interface Stage {
  readonly index: number;
  /** The `AS name`, lower-cased as BuildKit treats it, or null. */
  readonly name: string | null;
  readonly base: string;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  /** ARGs before the first FROM. */
  readonly preamble: readonly Instruction[];
  readonly stages: readonly Stage[];
}

const FLAG_KEYWORDS = new Set(["FROM", "RUN", "COPY", "ADD", "HEALTHCHECK"]);

/** Joins `\` continuations; comment lines (also inside a continuation) and blank lines vanish, as in BuildKit. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | null = null;
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const continues = /\\\s*$/.test(raw);
    const body = (continues ? raw.replace(/\\\s*$/, "") : raw).trim();
    pending = pending ? { text: `${pending.text} ${body}`, line: pending.line } : { text: body, line: i + 1 };
    if (!continues) {
      out.push(pending);
      pending = null;
    }
  }
  if (pending) out.push(pending);
  return out;
}

function splitFlags(keyword: string, args: string): { flags: Record<string, string>; rest: string } {
  const flags: Record<string, string> = {};
  let rest = args;
  if (!FLAG_KEYWORDS.has(keyword)) return { flags, rest };
  for (;;) {
    const match = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest);
    if (!match) break;
    flags[match[1] as string] = match[2] ?? "";
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

function execForm(rest: string): string[] | null {
  if (!rest.trimStart().startsWith("[")) return null;
  try {
    const parsed: unknown = JSON.parse(rest);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === "string") ? parsed : null;
  } catch {
    return null;
  }
}

export function parseDockerfile(text: string): Dockerfile {
  const preamble: Instruction[] = [];
  const stages: { index: number; name: string | null; base: string; instructions: Instruction[] }[] = [];
  for (const { text: lineText, line } of logicalLines(text)) {
    const match = /^(\S+)\s*(.*)$/.exec(lineText);
    if (!match) continue;
    const keyword = (match[1] as string).toUpperCase();
    const { flags, rest } = splitFlags(keyword, match[2] as string);
    const instruction: Instruction = { keyword, flags, rest, exec: execForm(rest), line };
    if (keyword === "FROM") {
      const [base = "", as, name] = rest.split(/\s+/);
      stages.push({
        index: stages.length,
        name: as?.toUpperCase() === "AS" && name ? name.toLowerCase() : null,
        base,
        instructions: [],
      });
    }
    const current = stages.at(-1);
    if (current) current.instructions.push(instruction);
    else preamble.push(instruction);
  }
  return { preamble, stages };
}

/** Whitespace-separated words; quotes group (`KEY="a b"` is one word) and are removed, as the shell would. */
export function words(text: string): string[] {
  const tokens = text.match(/(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"']+)+/g) ?? [];
  return tokens.map((t) => t.replace(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g, (_, dq: string | undefined, sq: string | undefined) => dq ?? sq ?? ""));
}

/** Names declared by ENV (both `K=v` pairs and the legacy `ENV K v`) or ARG. */
export function declaredNames(instruction: Instruction): string[] {
  const tokens = words(instruction.rest);
  if (instruction.keyword === "ENV" && tokens.length > 0 && !tokens[0]?.includes("=")) return [tokens[0] as string];
  return tokens.map((t) => t.split("=")[0] as string);
}

/** ENV values in a stage, later declarations winning, as the running container sees them. */
export function environment(stage: Stage): Map<string, string> {
  const env = new Map<string, string>();
  for (const instruction of stage.instructions.filter((i) => i.keyword === "ENV")) {
    const tokens = words(instruction.rest);
    if (tokens.length > 0 && !tokens[0]?.includes("=")) {
      env.set(tokens[0] as string, tokens.slice(1).join(" "));
      continue;
    }
    for (const token of tokens) {
      const eq = token.indexOf("=");
      env.set(token.slice(0, eq), token.slice(eq + 1));
    }
  }
  return env;
}

/** COPY/ADD sources and destination, in either form. */
export function copyOperands(instruction: Instruction): { sources: string[]; destination: string } {
  const operands = instruction.exec ?? words(instruction.rest);
  return { sources: operands.slice(0, -1), destination: operands.at(-1) ?? "" };
}

/** The WORKDIR in effect just before `instruction` (absolute; relative WORKDIRs stack, as in Docker). */
export function workdirAt(stage: Stage, instruction: Instruction): string {
  let dir = "/";
  for (const i of stage.instructions) {
    if (i === instruction) break;
    if (i.keyword === "WORKDIR") dir = i.rest.startsWith("/") ? i.rest : `${dir.replace(/\/$/, "")}/${i.rest}`;
  }
  return dir;
}

/** A HEALTHCHECK's command: null for `HEALTHCHECK NONE`, else its exec array or its shell text. */
export function healthcheckCommand(instruction: Instruction): { exec: string[] | null; shell: string | null } | null {
  const match = /^CMD\s+(.*)$/i.exec(instruction.rest);
  if (!match) return null;
  const command = match[1] as string;
  const exec = execForm(command);
  return exec ? { exec, shell: null } : { exec: null, shell: command };
}
