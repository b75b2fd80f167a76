// Delivers a webhook the way GitHub's Hookshot does: exact body, HMAC signatures and the X-GitHub-* headers.
import { createHmac, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";

export interface WebhookDelivery {
  /** The app's webhook endpoint; must be a loopback address (the simulator never calls out). */
  url: string;
  secret: string;
  /** X-GitHub-Event, e.g. "push". */
  event: string;
  payload: unknown;
  /** X-GitHub-Delivery; a random UUID by default. */
  id?: string;
  /** X-GitHub-Hook-ID (default 1). */
  hookId?: number;
  /** X-GitHub-Hook-Installation-Target-ID: the app id for app webhooks. */
  targetId?: number;
}

export interface WebhookResult {
  status: number;
  body: string;
  ms: number;
  id: string;
}

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export function signatures(secret: string, body: string): { sha1: string; sha256: string } {
  return {
    sha1: `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`,
    sha256: `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  };
}

export async function deliverWebhook(d: WebhookDelivery): Promise<WebhookResult> {
  const target = new URL(d.url);
  if (!loopbackHosts.has(target.hostname)) throw new Error(`simulator: refusing to deliver a webhook to ${target.host}: not a loopback address`);
  const body = JSON.stringify(d.payload);
  const id = d.id ?? randomUUID();
  const sig = signatures(d.secret, body);
  const started = performance.now();
  const response = await fetch(target, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/5c1a9e0",
      "x-github-event": d.event,
      "x-github-delivery": id,
      "x-github-hook-id": String(d.hookId ?? 1),
      "x-github-hook-installation-target-id": String(d.targetId ?? 1),
      "x-github-hook-installation-target-type": "integration",
      "x-hub-signature": sig.sha1,
      "x-hub-signature-256": sig.sha256,
    },
  });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started, id };
}
