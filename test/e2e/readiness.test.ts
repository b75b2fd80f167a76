// A key GitHub does not accept: /readyz turns 503 after the configured run of refusals; /healthz (liveness) stays 200.
import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { World } from "./world.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const anotherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();

async function status(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${world!.app.port}${path}`);
  return { status: response.status, body: await response.json() };
}

describe("readiness", () => {
  it("is ready with the app's own key after reconciling", async () => {
    world = await World.start();
    world.app.bot.trigger("startup");
    await world.settle();
    expect(await status("/readyz")).toEqual({ status: 200, body: { status: "ready" } });
  });

  it("fails /readyz, not /healthz, once GitHub has refused the app's key READINESS_AUTH_FAILURES times in a row", async () => {
    // Not even the configuration read: every refusal counted below comes from a reconcile.
    world = await World.start({ env: { PRIVATE_KEY: anotherKey, READINESS_AUTH_FAILURES: "2" }, readConfiguration: false });
    expect((await status("/readyz")).status).toBe(200);
    world.app.bot.trigger("startup");
    await world.settle();
    expect(world.sim.calls.all.filter((c) => c.status === 401)).toHaveLength(1);
    expect((await status("/readyz")).status).toBe(200);
    world.app.bot.trigger("periodic");
    await world.settle();
    expect(world.sim.calls.all.filter((c) => c.status === 401)).toHaveLength(2);
    expect(await status("/readyz")).toEqual({
      status: 503,
      body: { status: "not ready", reason: expect.stringContaining("refused the app's credentials") },
    });
    expect(await status("/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(world.logLines.some((l) => l.includes("not ready: /readyz answers 503"))).toBe(true);
  });
});
