// Content-addressed git objects (blobs, trees, commits) hashed exactly like git, with ancestry and tree diffs.
import { createHash } from "node:crypto";

export type EntryMode = "100644" | "100755" | "040000" | "160000" | "120000";
export type EntryType = "blob" | "tree" | "commit";

export interface TreeEntry {
  name: string;
  mode: EntryMode;
  type: EntryType;
  sha: string;
}

export interface Signature {
  name: string;
  email: string;
  /** ISO 8601, UTC. */
  date: string;
}

export interface Verification {
  verified: boolean;
  reason: string;
  signature: string | null;
  payload: string | null;
  verified_at: string | null;
}

export interface BlobObject {
  type: "blob";
  content: Buffer;
}
export interface TreeObject {
  type: "tree";
  entries: TreeEntry[];
}
export interface CommitObject {
  type: "commit";
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
  verification: Verification;
  /** Creation order, to break ties between commits made within the same second. */
  seq: number;
}
export type GitObject = BlobObject | TreeObject | CommitObject;

/** A file as it sits in a flattened tree. */
export interface FileEntry {
  sha: string;
  mode: EntryMode;
}

export interface TreeChange {
  path: string;
  status: "added" | "removed" | "modified";
  before: FileEntry | null;
  after: FileEntry | null;
}

/** What a tree edit does at one path: new content, an existing object, or a deletion. */
export type PathEdit = { content: Buffer; mode?: EntryMode } | { sha: string; mode: EntryMode; type?: EntryType } | null;

function hashObject(type: string, body: Buffer): string {
  const header = Buffer.from(`${type} ${body.length}\0`);
  return createHash("sha1").update(header).update(body).digest("hex");
}

// git sorts tree entries by name bytes, comparing a subtree's name as if it ended in "/".
function treeSortKey(entry: TreeEntry): string {
  return entry.type === "tree" ? `${entry.name}/` : entry.name;
}

function compareEntries(a: TreeEntry, b: TreeEntry): number {
  return Buffer.compare(Buffer.from(treeSortKey(a)), Buffer.from(treeSortKey(b)));
}

function serializeTree(entries: TreeEntry[]): Buffer {
  const parts = entries.map((e) => {
    const mode = e.mode === "040000" ? "40000" : e.mode;
    return Buffer.concat([Buffer.from(`${mode} ${e.name}\0`), Buffer.from(e.sha, "hex")]);
  });
  return Buffer.concat(parts);
}

function formatSignature(sig: Signature): string {
  const seconds = Math.floor(Date.parse(sig.date) / 1000);
  return `${sig.name} <${sig.email}> ${seconds} +0000`;
}

function serializeCommit(c: Omit<CommitObject, "type" | "verification" | "seq">): Buffer {
  const lines = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`)];
  lines.push(`author ${formatSignature(c.author)}`, `committer ${formatSignature(c.committer)}`);
  return Buffer.from(`${lines.join("\n")}\n\n${c.message}`);
}

function entryTypeFor(mode: EntryMode): EntryType {
  if (mode === "040000") return "tree";
  if (mode === "160000") return "commit";
  return "blob";
}

/** One object database, shared by a repository and its forks (GitHub's "network"). */
export class ObjectStore {
  private readonly objects = new Map<string, GitObject>();
  private seq = 0;

  has(sha: string): boolean {
    return this.objects.has(sha);
  }

  get(sha: string): GitObject | undefined {
    return this.objects.get(sha);
  }

  /** A full sha from a unique prefix of at least 4 hex digits, as git accepts. */
  expand(prefix: string): string | undefined {
    const p = prefix.toLowerCase();
    if (!/^[0-9a-f]{4,40}$/.test(p)) return undefined;
    if (p.length === 40) return this.objects.has(p) ? p : undefined;
    const hits = [...this.objects.keys()].filter((k) => k.startsWith(p));
    return hits.length === 1 ? hits[0] : undefined;
  }

  blob(sha: string): BlobObject | undefined {
    const o = this.objects.get(sha);
    return o?.type === "blob" ? o : undefined;
  }

  tree(sha: string): TreeObject | undefined {
    const o = this.objects.get(sha);
    return o?.type === "tree" ? o : undefined;
  }

  commit(sha: string): CommitObject | undefined {
    const o = this.objects.get(sha);
    return o?.type === "commit" ? o : undefined;
  }

  putBlob(content: Buffer | string): string {
    const buf = typeof content === "string" ? Buffer.from(content) : content;
    const sha = hashObject("blob", buf);
    if (!this.objects.has(sha)) this.objects.set(sha, { type: "blob", content: buf });
    return sha;
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort(compareEntries);
    const sha = hashObject("tree", serializeTree(sorted));
    if (!this.objects.has(sha)) this.objects.set(sha, { type: "tree", entries: sorted });
    return sha;
  }

  putCommit(c: Omit<CommitObject, "type" | "seq">): string {
    const sha = hashObject("commit", serializeCommit(c));
    if (!this.objects.has(sha)) this.objects.set(sha, { type: "commit", ...c, seq: ++this.seq });
    return sha;
  }

  /** Every file (blob or submodule) under a tree, keyed by its full path. */
  flatten(treeSha: string | null, prefix = ""): Map<string, FileEntry> {
    const out = new Map<string, FileEntry>();
    if (!treeSha) return out;
    const tree = this.tree(treeSha);
    if (!tree) return out;
    for (const e of tree.entries) {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.type === "tree") {
        for (const [p, f] of this.flatten(e.sha, path)) out.set(p, f);
      } else {
        out.set(path, { sha: e.sha, mode: e.mode });
      }
    }
    return out;
  }

  /** Builds (nested) trees from a flat path → file map and returns the root tree sha. */
  treeFromFiles(files: Map<string, FileEntry>): string {
    const root: DirNode = new Map();
    for (const [path, file] of files) insertPath(root, path.split("/"), file);
    return this.writeDir(root);
  }

  private writeDir(dir: DirNode): string {
    const entries: TreeEntry[] = [];
    for (const [name, node] of dir) {
      if (node instanceof Map) {
        entries.push({ name, mode: "040000", type: "tree", sha: this.writeDir(node) });
      } else {
        entries.push({ name, mode: node.mode, type: entryTypeFor(node.mode), sha: node.sha });
      }
    }
    return this.putTree(entries);
  }

  /** Applies path edits on top of a base tree (null = empty tree), like git's index. */
  editTree(baseTree: string | null, edits: Map<string, PathEdit>): string {
    const files = this.flatten(baseTree);
    for (const [path, edit] of edits) {
      if (edit === null) {
        for (const p of [...files.keys()]) if (p === path || p.startsWith(`${path}/`)) files.delete(p);
      } else if ("content" in edit) {
        files.set(path, { sha: this.putBlob(edit.content), mode: edit.mode ?? "100644" });
      } else if (edit.mode === "040000") {
        for (const [p, f] of this.flatten(edit.sha, path)) files.set(p, f);
      } else {
        files.set(path, { sha: edit.sha, mode: edit.mode });
      }
    }
    return this.treeFromFiles(files);
  }

  /** The blob at a path of a commit, or undefined. */
  fileAt(commitSha: string, path: string): { sha: string; content: Buffer; mode: EntryMode } | undefined {
    const commit = this.commit(commitSha);
    if (!commit) return undefined;
    const entry = this.entryAt(commit.tree, path);
    if (!entry || entry.type !== "blob") return undefined;
    const blob = this.blob(entry.sha);
    return blob ? { sha: entry.sha, content: blob.content, mode: entry.mode } : undefined;
  }

  /** The tree entry at a path below a tree ("" is the root itself). */
  entryAt(treeSha: string, path: string): TreeEntry | undefined {
    const parts = path.split("/").filter(Boolean);
    let current: TreeEntry = { name: "", mode: "040000", type: "tree", sha: treeSha };
    for (const part of parts) {
      const tree = current.type === "tree" ? this.tree(current.sha) : undefined;
      const next = tree?.entries.find((e) => e.name === part);
      if (!next) return undefined;
      current = next;
    }
    return current;
  }

  /** All commits reachable from the given heads (inclusive). */
  reachable(heads: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const stack = [...heads];
    while (stack.length > 0) {
      const sha = stack.pop() as string;
      if (seen.has(sha)) continue;
      const c = this.commit(sha);
      if (!c) continue;
      seen.add(sha);
      stack.push(...c.parents);
    }
    return seen;
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    return this.reachable([descendant]).has(ancestor);
  }

  /** Commits reachable from head but not from any of the excluded heads, newest first. */
  range(head: string, exclude: Iterable<string>): string[] {
    const hidden = this.reachable(exclude);
    return this.newestFirst([...this.reachable([head])].filter((s) => !hidden.has(s)));
  }

  newestFirst(shas: string[]): string[] {
    const key = (s: string): [number, number] => {
      const c = this.commit(s) as CommitObject;
      return [Date.parse(c.committer.date), c.seq];
    };
    return [...shas].sort((a, b) => {
      const [ta, sa] = key(a);
      const [tb, sb] = key(b);
      return tb - ta || sb - sa;
    });
  }

  /** The best common ancestor (the newest of the common ones), as `git merge-base` picks for simple histories. */
  mergeBase(a: string, b: string): string | undefined {
    const fromA = this.reachable([a]);
    const common = [...this.reachable([b])].filter((s) => fromA.has(s));
    return this.newestFirst(common)[0];
  }

  /** Path-level changes between two trees (null = empty tree). */
  diffTrees(before: string | null, after: string | null): TreeChange[] {
    const a = this.flatten(before);
    const b = this.flatten(after);
    const changes: TreeChange[] = [];
    for (const [path, old] of a) {
      const now = b.get(path);
      if (!now) changes.push({ path, status: "removed", before: old, after: null });
      else if (now.sha !== old.sha || now.mode !== old.mode) changes.push({ path, status: "modified", before: old, after: now });
    }
    for (const [path, now] of b) if (!a.has(path)) changes.push({ path, status: "added", before: null, after: now });
    return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  }

  /** Changes a commit introduced relative to its first parent. */
  commitChanges(sha: string): TreeChange[] {
    const c = this.commit(sha);
    if (!c) return [];
    const parentTree = c.parents[0] ? (this.commit(c.parents[0])?.tree ?? null) : null;
    return this.diffTrees(parentTree, c.tree);
  }
}

type DirNode = Map<string, DirNode | FileEntry>;

function insertPath(dir: DirNode, parts: string[], file: FileEntry): void {
  const [head, ...rest] = parts;
  if (head === undefined) return;
  if (rest.length === 0) {
    dir.set(head, file);
    return;
  }
  let child = dir.get(head);
  if (!(child instanceof Map)) {
    child = new Map();
    dir.set(head, child);
  }
  insertPath(child, rest, file);
}

export const emptyTreeSha = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
