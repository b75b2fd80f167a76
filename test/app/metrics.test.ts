// The metrics a Prometheus scrape sees after the bot records deliveries, reconciles and GitHub calls.
import { describe, expect, it } from "vitest";
import {
  createMetrics,
  metricsExposition,
  recordApiCall,
  recordDelivery,
  recordQueueDepth,
  recordReconcile,
} from "../../src/app/metrics.js";

describe("metrics", () => {
  it("exposes every recorded fact under the bot's prefix", async () => {
    const metrics = createMetrics({ processMetrics: false });
    recordDelivery(metrics, "push", "triggered");
    recordDelivery(metrics, "push", "triggered");
    recordDelivery(metrics, "issues", "ignored");
    recordReconcile(metrics, "matrix", "updated", new Date("2025-06-01T12:00:00Z"));
    recordReconcile(metrics, "releases", "failed");
    recordApiCall(metrics, { kind: "request", method: "GET", status: 304, rateLimitRemaining: 4321 });
    recordApiCall(metrics, { kind: "request", method: "POST", status: "network-error", rateLimitRemaining: undefined });
    recordApiCall(metrics, { kind: "memory-hit", method: "GET" });
    recordQueueDepth(metrics, 3);

    const { contentType, body } = await metricsExposition(metrics);

    expect(contentType).toContain("text/plain");
    expect(body).toContain('support_matrix_bot_webhook_deliveries_total{event="push",outcome="triggered"} 2');
    expect(body).toContain('support_matrix_bot_webhook_deliveries_total{event="issues",outcome="ignored"} 1');
    expect(body).toContain('support_matrix_bot_reconciles_total{target="matrix",outcome="updated"} 1');
    expect(body).toContain('support_matrix_bot_reconciles_total{target="releases",outcome="failed"} 1');
    expect(body).toContain('support_matrix_bot_last_successful_reconcile_timestamp_seconds{target="matrix"} 1748779200');
    expect(body).not.toContain('last_successful_reconcile_timestamp_seconds{target="releases"}');
    expect(body).toContain('support_matrix_bot_github_api_calls_total{method="GET",status="304"} 1');
    expect(body).toContain('support_matrix_bot_github_api_calls_total{method="POST",status="network-error"} 1');
    expect(body).toContain('support_matrix_bot_github_api_calls_total{method="GET",status="memory"} 1');
    expect(body).toContain("support_matrix_bot_github_rate_limit_remaining 4321");
    expect(body).toContain("support_matrix_bot_queue_depth 3");
  });

  it("keeps registries apart, so several bots (or tests) can live in one process", async () => {
    const a = createMetrics();
    const b = createMetrics();
    recordDelivery(a, "push", "triggered");
    expect((await metricsExposition(a)).body).toContain('outcome="triggered"} 1');
    expect((await metricsExposition(b)).body).not.toContain('outcome="triggered"');
  });

  it("includes process metrics by default", async () => {
    expect((await metricsExposition(createMetrics())).body).toContain("process_cpu_seconds_total");
  });
});
