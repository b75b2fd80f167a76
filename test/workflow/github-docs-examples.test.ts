// GitHub's own worked examples ("Running variations of jobs in a workflow") must expand to exactly the documented jobs.
import { describe, expect, it } from "vitest";
import { expand } from "./workflow-text.js";

describe("GitHub's documented matrix examples", () => {
  it("runs jobs in the documented order: the first variable varies slowest", () => {
    expect(expand("version: [10, 12, 14]\nos: [ubuntu-latest, windows-latest]")).toEqual([
      { version: 10, os: "ubuntu-latest" },
      { version: 10, os: "windows-latest" },
      { version: 12, os: "ubuntu-latest" },
      { version: 12, os: "windows-latest" },
      { version: 14, os: "ubuntu-latest" },
      { version: 14, os: "windows-latest" },
    ]);
  });

  it("expands the fruit/animal include example to exactly the six documented jobs, in order", () => {
    const jobs = expand(`
fruit: [apple, pear]
animal: [cat, dog]
include:
  - color: green
  - color: pink
    animal: cat
  - fruit: apple
    shape: circle
  - fruit: banana
  - fruit: banana
    animal: cat
`);
    // JSON keeps key order, which the docs list too.
    expect(JSON.stringify(jobs)).toBe(
      JSON.stringify([
        { fruit: "apple", animal: "cat", color: "pink", shape: "circle" },
        { fruit: "apple", animal: "dog", color: "green", shape: "circle" },
        { fruit: "pear", animal: "cat", color: "pink" },
        { fruit: "pear", animal: "dog", color: "green" },
        { fruit: "banana" },
        { fruit: "banana", animal: "cat" },
      ]),
    );
  });

  it("excludes partial matches: twelve configurations minus three leave the documented nine", () => {
    const jobs = expand(`
os: [macos-latest, windows-latest]
version: [12, 14, 16]
environment: [staging, production]
exclude:
  - os: macos-latest
    version: 12
    environment: production
  - os: windows-latest
    version: 16
`);
    expect(jobs).toEqual([
      { os: "macos-latest", version: 12, environment: "staging" },
      { os: "macos-latest", version: 14, environment: "staging" },
      { os: "macos-latest", version: 14, environment: "production" },
      { os: "macos-latest", version: 16, environment: "staging" },
      { os: "macos-latest", version: 16, environment: "production" },
      { os: "windows-latest", version: 12, environment: "staging" },
      { os: "windows-latest", version: 12, environment: "production" },
      { os: "windows-latest", version: 14, environment: "staging" },
      { os: "windows-latest", version: 14, environment: "production" },
    ]);
  });

  it("adds a variable to the one matching job (expanding configurations)", () => {
    const jobs = expand(`
os: [windows-latest, ubuntu-latest]
node: [12, 14, 16]
include:
  - os: windows-latest
    node: 16
    npm: 6
`);
    expect(jobs).toHaveLength(6);
    expect(jobs[2]).toEqual({ os: "windows-latest", node: 16, npm: 6 });
    expect(jobs.filter((j) => "npm" in j)).toHaveLength(1);
  });

  it("adds a new configuration when the include entry matches no job (ten jobs)", () => {
    const jobs = expand(`
os: [macos-latest, windows-latest, ubuntu-latest]
version: [12, 14, 16]
include:
  - os: windows-latest
    version: 17
`);
    expect(jobs).toHaveLength(10);
    expect(jobs[9]).toEqual({ os: "windows-latest", version: 17 });
  });

  it("runs one job per include entry when the matrix has no variables", () => {
    expect(
      expand(`
include:
  - site: "production"
    datacenter: "site-a"
  - site: "staging"
    datacenter: "site-b"
`),
    ).toEqual([
      { site: "production", datacenter: "site-a" },
      { site: "staging", datacenter: "site-b" },
    ]);
  });

  it("expands variables whose values are objects", () => {
    const jobs = expand(`
os:
  - ubuntu-latest
  - macos-latest
node:
  - version: 14
  - version: 20
    env: NODE_OPTIONS=--openssl-legacy-provider
`);
    expect(jobs).toEqual([
      { os: "ubuntu-latest", node: { version: 14 } },
      { os: "ubuntu-latest", node: { version: 20, env: "NODE_OPTIONS=--openssl-legacy-provider" } },
      { os: "macos-latest", node: { version: 14 } },
      { os: "macos-latest", node: { version: 20, env: "NODE_OPTIONS=--openssl-legacy-provider" } },
    ]);
  });

  it("processes includes after excludes, so an include can add back an excluded combination", () => {
    const jobs = expand(`
os: [linux, windows]
arch: [x64, arm64]
exclude:
  - os: windows
    arch: arm64
include:
  - os: windows
    arch: arm64
    experimental: true
`);
    expect(jobs).toEqual([
      { os: "linux", arch: "x64" },
      { os: "linux", arch: "arm64" },
      { os: "windows", arch: "x64" },
      { os: "windows", arch: "arm64", experimental: true },
    ]);
  });

  it("turns every include into its own job when exclude removed the whole product", () => {
    const jobs = expand(`
os: [linux]
exclude:
  - os: linux
include:
  - os: linux
    extra: 1
  - name: other
`);
    expect(jobs).toEqual([{ os: "linux", extra: 1 }, { name: "other" }]);
  });
});

describe("values keep their YAML types", () => {
  it("keeps booleans, quoted strings and YAML floats apart", () => {
    const jobs = expand(`
go-version: [1.24, 1.10, "1.10"]
include:
  - go-version: 1.24
    fips: true
    trusted_boot: "true"
`);
    expect(jobs).toEqual([
      { "go-version": 1.24, fips: true, trusted_boot: "true" },
      { "go-version": 1.1 },
      { "go-version": "1.10" },
    ]);
    expect(typeof jobs[0]?.fips).toBe("boolean");
    expect(typeof jobs[0]?.trusted_boot).toBe("string");
  });

  it("never lets the string \"true\" match the boolean true", () => {
    const jobs = expand(`
flag: [true, "true"]
include:
  - flag: "true"
    quoted: yes
`);
    expect(jobs).toEqual([{ flag: true }, { flag: "true", quoted: "yes" }]);
  });

  it("compares as GitHub's == does: strings ignore case and numeric strings equal numbers", () => {
    const jobs = expand(`
os: [Ubuntu, windows]
version: [1, 2]
exclude:
  - os: ubuntu
    version: "1.0"
`);
    expect(jobs).toEqual([
      { os: "Ubuntu", version: 2 },
      { os: "windows", version: 1 },
      { os: "windows", version: 2 },
    ]);
  });

  it("matches mapping values leaf by leaf, as GitHub's filter expressions do", () => {
    const jobs = expand(`
node:
  - { version: 14 }
  - { version: 20, env: legacy }
exclude:
  - node: { version: 20 }
`);
    expect(jobs).toEqual([{ node: { version: 14 } }]);
  });
});
