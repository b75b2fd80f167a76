// Checks the Kubernetes manifests route traffic and probes to the app, run it unprivileged, give it its secrets and let it drain before being killed.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures.js";
import { parseDockerfile, words } from "./dockerfile-syntax.js";

/** The app's own bound on draining its queue after SIGTERM (src/app's shutdown; about 25 s). */
const DRAIN_SECONDS = 25;

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Probe {
  httpGet?: { path: string; port: number | string };
  periodSeconds?: number;
  failureThreshold?: number;
}
interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: unknown[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  capabilities?: { drop?: string[] };
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  stringData?: Record<string, string>;
  data?: Record<string, string>;
}
interface DeploymentSpec {
  replicas: number;
  selector: { matchLabels: Record<string, string> };
  template: {
    metadata: { labels: Record<string, string> };
    spec: { terminationGracePeriodSeconds?: number; securityContext?: SecurityContext; containers: Container[] };
  };
}
interface ServiceSpec {
  selector: Record<string, string>;
  ports: { port: number; targetPort: number | string }[];
}

const dir = join(projectRoot, "deploy/kubernetes");
const manifestsByFile = new Map(
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && f !== "kustomization.yaml")
    .map((file) => {
      const docs = parseAllDocuments(readFileSync(join(dir, file), "utf8"));
      for (const doc of docs) expect(doc.errors, `${file}: ${doc.errors.join("; ")}`).toEqual([]);
      return [file, docs.map((d) => d.toJS() as Manifest).filter(Boolean)] as const;
    }),
);
const manifests = [...manifestsByFile.values()].flat();

function only(kind: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind);
  expect(found.map((m) => m.metadata.name), `exactly one ${kind} expected`).toHaveLength(1);
  return found[0] as Manifest;
}

const deployment = only("Deployment").spec as unknown as DeploymentSpec;
const pod = deployment.template.spec;
const container = pod.containers[0] as Container;
const secret = only("Secret");
const service = only("Service").spec as unknown as ServiceSpec;

/** A probe or Service port (number or port name) resolved to the container port number. */
function containerPort(port: number | string): number | undefined {
  if (typeof port === "number") return container.ports?.some((p) => p.containerPort === port) ? port : undefined;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function env(name: string): EnvVar | undefined {
  return container.env?.find((e) => e.name === name);
}

function preStopSeconds(): number {
  const preStop = container.lifecycle?.preStop;
  if (preStop?.sleep) return preStop.sleep.seconds;
  const command = preStop?.exec?.command ?? [];
  return command[0] === "sleep" ? Number(command[1]) : 0;
}

describe("Kubernetes Deployment", () => {
  it("has one app container listening on the port the image exposes and the app is told to use", () => {
    expect(pod.containers).toHaveLength(1);
    const image = parseDockerfile(readFileSync(join(projectRoot, "Dockerfile"), "utf8"));
    const runtime = image.stages.at(-1);
    const exposed = runtime?.instructions.filter((i) => i.keyword === "EXPOSE").flatMap((i) => words(i.rest)) ?? [];
    const http = containerPort("http");
    expect(exposed).toContain(String(http));
    expect(env("PORT")?.value ?? "3000").toBe(String(http));
  });

  it("serves /metrics on a port of its own that the Service does not route, where Prometheus scrapes it", () => {
    const metrics = containerPort("metrics");
    expect(metrics).toBeDefined();
    expect(env("METRICS_PORT")?.value).toBe(String(metrics));
    expect(metrics).not.toBe(containerPort("http"));
    const annotations = (deployment.template.metadata as { annotations?: Record<string, string> }).annotations ?? {};
    expect(annotations["prometheus.io/port"]).toBe(String(metrics));
    expect(service.ports.map((p) => containerPort(p.targetPort))).not.toContain(metrics);
  });

  it("probes readiness on /readyz and liveness on /healthz at the container port", () => {
    for (const [kind, probe, path] of [
      ["readinessProbe", container.readinessProbe, "/readyz"],
      ["livenessProbe", container.livenessProbe, "/healthz"],
    ] as const) {
      expect(probe?.httpGet?.path, kind).toBe(path);
      expect(containerPort(probe?.httpGet?.port ?? -1), `${kind} port is not a container port`).toBeDefined();
    }
  });

  it("gives the app time to drain before SIGKILL, and does not restart it mid-drain", () => {
    const grace = pod.terminationGracePeriodSeconds ?? 30;
    expect(grace).toBeGreaterThanOrEqual(30);
    // The grace period also covers the preStop hook, which runs before SIGTERM.
    expect(grace).toBeGreaterThan(preStopSeconds() + DRAIN_SECONDS);
    const liveness = container.livenessProbe as Probe;
    // /healthz answers 503 while draining: liveness must take longer than the drain to give up.
    expect((liveness.periodSeconds ?? 10) * (liveness.failureThreshold ?? 3)).toBeGreaterThan(DRAIN_SECONDS);
  });

  it("runs unprivileged: non-root, read-only root filesystem, no privilege escalation, no capabilities", () => {
    const merged: SecurityContext = { ...pod.securityContext, ...container.securityContext };
    expect(merged.runAsNonRoot).toBe(true);
    if (merged.runAsUser !== undefined) expect(merged.runAsUser).toBeGreaterThan(0);
    expect(merged.readOnlyRootFilesystem).toBe(true);
    expect(merged.allowPrivilegeEscalation).toBe(false);
    expect(merged.privileged ?? false).toBe(false);
    expect(merged.capabilities?.drop).toContain("ALL");
  });

  it("bounds its memory so a leak cannot take the node down", () => {
    expect(container.resources?.requests?.memory).toBeDefined();
    expect(container.resources?.limits?.memory).toBeDefined();
  });

  it("takes every credential from the Secret, whose example has each referenced key", () => {
    for (const name of ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"]) {
      const variable = env(name);
      expect(variable?.value, `${name} must not be written into the manifest`).toBeUndefined();
      expect(variable?.valueFrom?.secretKeyRef, `${name} is not read from a Secret`).toBeDefined();
    }
    const keys = new Set(Object.keys({ ...secret.data, ...secret.stringData }));
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (!ref) continue;
      expect(ref.name, `${variable.name} names a Secret the example does not define`).toBe(secret.metadata.name);
      expect(keys.has(ref.key), `${variable.name}: key ${ref.key} is missing from the example Secret`).toBe(true);
    }
  });

  it("writes no secret-looking value as plain env", () => {
    for (const variable of container.env ?? []) {
      if (variable.value !== undefined) expect(variable.name).not.toMatch(/KEY|SECRET|TOKEN|PASSWORD/);
    }
  });

  it("selects its own pods", () => {
    expect(deployment.template.metadata.labels).toMatchObject(deployment.selector.matchLabels);
    expect(deployment.replicas).toBeGreaterThanOrEqual(1);
  });
});

describe("Kubernetes image", () => {
  const kustomization = parseAllDocuments(readFileSync(join(dir, "kustomization.yaml"), "utf8"))[0]?.toJS() as {
    images?: { name: string; newName?: string; newTag?: string }[];
  };
  const images = [container.image, ...(kustomization.images ?? []).map((i) => `${i.newName ?? i.name}:${i.newTag ?? ""}`)];

  it("names no published registry: the operator builds and pushes the image, the example cannot pull one", () => {
    // .invalid never resolves (RFC 2606), so an unedited example fails to pull instead of running someone else's image.
    for (const image of images) expect(image, image).toMatch(/^registry\.invalid\//);
  });

  it("tags the example with the version package.json releases", () => {
    const { version } = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { version: string };
    for (const image of images) expect(image.split(":").at(-1), image).toBe(version);
  });

  it("tells the operator, in README and the manifest, to build and push the image from the Dockerfile", () => {
    const readme = readFileSync(join(projectRoot, "README.md"), "utf8").replace(/\s+/g, " ");
    expect(/build and push the image from the Dockerfile/i.test(readme), "README: build and push sentence").toBe(true);
    const setImage = "kustomize edit set image registry.invalid/support-matrix-bot=";
    expect(readme.includes(setImage), `README: ${setImage}`).toBe(true);
    expect(readFileSync(join(dir, "deployment.yaml"), "utf8")).toMatch(/No image is published/);
  });
});

describe("Kubernetes Service", () => {
  it("sends port 80 to the pods' container port", () => {
    expect(deployment.template.metadata.labels).toMatchObject(service.selector);
    const port = service.ports.find((p) => p.port === 80);
    expect(port, "no Service port 80").toBeDefined();
    expect(containerPort(port?.targetPort ?? -1), "targetPort is not a container port").toBeDefined();
  });
});

describe("Secret example and kustomization", () => {
  it("holds placeholders, not a real private key", () => {
    const values = Object.values({ ...secret.data, ...secret.stringData }).join("\n");
    expect(values).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });

  it("applies the Deployment and Service but never the placeholder Secret", () => {
    const kustomization = parseAllDocuments(readFileSync(join(dir, "kustomization.yaml"), "utf8"))[0]?.toJS() as {
      resources: string[];
      images?: { name: string }[];
    };
    for (const resource of kustomization.resources) expect(existsSync(join(dir, resource)), resource).toBe(true);
    const applied = kustomization.resources.flatMap((r) => manifestsByFile.get(r) ?? []).map((m) => m.kind);
    expect(applied).toEqual(expect.arrayContaining(["Deployment", "Service"]));
    expect(applied, "`kubectl apply -k` would overwrite the real Secret with placeholders").not.toContain("Secret");
    const imageName = container.image.replace(/(@.*|:[^/]*)$/, "");
    for (const image of kustomization.images ?? []) expect(image.name).toBe(imageName);
  });
});
