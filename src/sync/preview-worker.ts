// Worker-thread entry: says it is ready once its modules are loaded, then computes the one preview it is sent and posts the check-run content back.
import { parentPort } from "node:worker_threads";
import { computePreview, type PreviewInput } from "./preview-computation.js";

parentPort?.once("message", (input: PreviewInput) => parentPort?.postMessage(computePreview(input)));
parentPort?.postMessage("ready");
