// Git object hashing agrees with real git (values computed with git hash-object / write-tree / commit-tree).
import { describe, expect, it } from "vitest";
import { ObjectStore, emptyTreeSha } from "./git-objects.js";

const signature = { name: "octocat", email: "o@example.com", date: "2023-11-14T22:13:20Z" };
const unsigned = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };

describe("git objects", () => {
  it("hashes blobs, trees (git's entry order) and commits exactly like git", () => {
    const store = new ObjectStore();
    const tree = store.editTree(
      null,
      new Map([
        ["a.txt", { content: Buffer.from("hello\n") }],
        ["docs/m.md", { content: Buffer.from("# matrix\n") }],
        ["docs-x", { content: Buffer.from("x") }],
      ]),
    );
    expect(store.putBlob("hello\n")).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
    expect(tree).toBe("888d1e8ef8db75e683733d4296df1f94e6ad96fb");
    expect(store.tree(tree)?.entries.map((e) => e.name)).toEqual(["a.txt", "docs-x", "docs"]);
    const commit = store.putCommit({ tree, parents: [], author: signature, committer: signature, message: "Initial commit\n", verification: unsigned });
    expect(commit).toBe("38b8d930521aa928155d74c1dde1448d3b004158");
    expect(store.putTree([])).toBe(emptyTreeSha);
  });

  it("finds ancestry, ranges and the merge base", () => {
    const store = new ObjectStore();
    const commit = (parents: string[], file: string): string =>
      store.putCommit({
        tree: store.editTree(null, new Map([[file, { content: Buffer.from(file) }]])),
        parents,
        author: signature,
        committer: signature,
        message: file,
        verification: unsigned,
      });
    const root = commit([], "root");
    const left = commit([root], "left");
    const right = commit([root], "right");
    expect(store.isAncestor(root, left)).toBe(true);
    expect(store.isAncestor(left, right)).toBe(false);
    expect(store.mergeBase(left, right)).toBe(root);
    expect(store.range(left, [right])).toEqual([left]);
  });
});
