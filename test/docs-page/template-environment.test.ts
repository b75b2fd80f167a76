// Template mistakes fail loudly with the template's file:line:col instead of rendering an empty cell.
import { describe, expect, it } from "vitest";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { TemplateError } from "../../src/docs-page/template-error.js";
import { renderTemplate, TEMPLATE_OUTPUT_LIMIT } from "../../src/docs-page/template-environment.js";
import { renderTestedMatrix, testedMatrixContext } from "../../src/docs-page/tested-matrix-block.js";
import { GITHUB_SERVER_URL } from "../../src/web-links.js";

function failure(run: () => unknown): TemplateError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error("expected a TemplateError");
}

describe("template environment", () => {
  it("does not HTML-escape: the output is Markdown", () => {
    expect(renderTemplate("{{text}} & {{cell text}}", { text: "a<b" }, "t.hbs")).toBe("a<b & a&lt;b");
  });

  it("names a misspelt field and where it is", () => {
    const error = failure(() => renderTemplate("| a |\n| {{cell distribuion}} |", { distribution: "Ubuntu" }, "t.hbs"));
    expect(error.message).toBe('t.hbs:2:10: "distribuion" is not a field of the render context (strict template: a typo?)');
    expect(error.missingField).toBe("distribuion");
  });

  it("names a misspelt plain field, and a misspelt condition instead of silently taking the else branch", () => {
    expect(failure(() => renderTemplate("{{naem}}", { name: "x" }, "t.hbs")).message).toBe(
      't.hbs:1:3: "naem" is neither a field of the render context nor a helper (strict template: a typo?)',
    );
    const condition = failure(() => renderTemplate("{{#if latst}}x{{else}}-{{/if}}", { latest: null }, "t.hbs"));
    expect(condition.location).toEqual({ file: "t.hbs", line: 1, col: 7 });
    expect(condition.missingField).toBe("latst");
    expect(renderTemplate("{{#if latest}}x{{else}}-{{/if}}", { latest: null }, "t.hbs")).toBe("-");
  });

  it("names a misspelt nested field", () => {
    const error = failure(() => renderTemplate("{{#each rows}}{{cell latest.dat}}{{/each}}", { rows: [{ latest: { date: "d" } }] }, "t.hbs"));
    expect(error.missingField).toBe("latest.dat");
  });

  it("points at a syntax error", () => {
    const error = failure(() => renderTemplate("{{#each rows}}\n  {{cell name}\n{{/each}}", { rows: [] }, "t.hbs"));
    expect(error.location).toEqual({ file: "t.hbs", line: 2, col: 14 });
    expect(error.detail).toMatch(/^cannot parse the template near/);
  });

  it("points at mismatched blocks", () => {
    const error = failure(() => renderTemplate("x\n{{#if a}}y{{/each}}", { a: true }, "t.hbs"));
    expect(error.message).toBe("t.hbs:2:4: if doesn't match each");
  });

  it("points at a helper given the wrong value", () => {
    const error = failure(() => renderTemplate("a\n {{link name}}", { name: "x" }, "t.hbs"));
    expect(error.message).toBe('t.hbs:2:2: helper "link" takes 2 argument(s), got 1');
  });

  it("reports a typo in the default tested-matrix template at its line in that file", async () => {
    const template = await loadDefaultTemplate("testedMatrix");
    const broken = template.text.replace("{{cell distribution}}", "{{cell distributon}}");
    const line = broken.split("\n").findIndex((l) => l.includes("distributon")) + 1;
    const context = testedMatrixContext([], [], GITHUB_SERVER_URL);
    const withRow = { ...context, rows: [{ distribution: "x", release: "1", image: "x:1", cells: [], suites: [] }] };
    const error = failure(() => renderTestedMatrix({ ...template, text: broken }, withRow));
    expect(error.location.file).toBe("templates/tested-matrix.md.hbs");
    expect(error.location.line).toBe(line);
    expect(error.missingField).toBe("distributon");
  });

  it("offers no helper that writes to the bot's log or reads a field by computed name", () => {
    const log = failure(() => renderTemplate('a\n{{log "forged" level="error"}}', {}, "t.hbs"));
    expect(log.message).toBe('t.hbs:2:3: "log" is neither a field of the render context nor a helper (strict template: a typo?)');
    const lookup = failure(() => renderTemplate("{{cell (lookup rows 0)}}", { rows: ["x"] }, "t.hbs"));
    expect(lookup.message).toBe('t.hbs:1:9: "lookup" is neither a field of the render context nor a helper (strict template: a typo?)');
  });

  it("keeps prototype fields out of reach", () => {
    expect(failure(() => renderTemplate("{{constructor.name}}", {}, "t.hbs")).missingField).toBe("name");
    expect(failure(() => renderTemplate("{{cell __proto__}}", {}, "t.hbs")).missingField).toBe("__proto__");
    expect(failure(() => renderTemplate("{{#with constructor}}[{{name}}]{{/with}}", {}, "t.hbs")).missingField).toBe("constructor");
  });

  it("stops a template whose nested loops multiply the output, at the loop, before building it all", () => {
    const items = Array.from({ length: 20 }, (_, i) => `platform-${i}-xxxxxxxxxxxxxxxxxxxx`);
    const nested = "{{#each p}}{{#each @root.p}}{{#each @root.p}}{{#each @root.p}}{{#each @root.p}}{{cell this}} {{/each}}{{/each}}{{/each}}{{/each}}{{/each}}";
    const error = failure(() => renderTemplate(`x\n${nested}`, { p: items }, "t.hbs"));
    const loops = [...nested.matchAll(/\{\{#each/g)].map((m) => m.index + 1);
    expect(error.detail).toBe("the template produces more than 1,000,000 characters");
    expect(error.location.line).toBe(2);
    expect(loops).toContain(error.location.col);
  });

  it("counts loops whose body is empty", () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    const nested = "{{#each p}}{{#each @root.p}}{{#each @root.p}}{{/each}}{{/each}}{{/each}}";
    expect(failure(() => renderTemplate(nested, { p: items }, "t.hbs")).detail).toMatch(/more than 1,000,000 characters/);
  });

  it("renders output up to the limit", () => {
    const rows = Array.from({ length: 1000 }, () => "x".repeat(TEMPLATE_OUTPUT_LIMIT / 1000 - 2));
    expect(renderTemplate("{{#each rows}}{{this}}\n{{/each}}", { rows }, "t.hbs")).toHaveLength(TEMPLATE_OUTPUT_LIMIT - 1000);
  });
});
