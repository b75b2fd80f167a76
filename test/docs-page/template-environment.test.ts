// Template mistakes fail loudly with the template's file:line:col instead of rendering an empty cell.
import { describe, expect, it } from "vitest";
import { loadDefaultTemplate } from "../../src/docs-page/default-templates.js";
import { TemplateError } from "../../src/docs-page/template-error.js";
import { renderTemplate } from "../../src/docs-page/template-environment.js";
import { renderTestedMatrix, testedMatrixContext } from "../../src/docs-page/tested-matrix-block.js";

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
    const context = testedMatrixContext([], []);
    const withRow = { ...context, rows: [{ distribution: "x", release: "1", image: "x:1", cells: [] }] };
    const error = failure(() => renderTestedMatrix({ ...template, text: broken }, withRow));
    expect(error.location.file).toBe("templates/tested-matrix.md.hbs");
    expect(error.location.line).toBe(line);
    expect(error.missingField).toBe("distributon");
  });
});
