// A job that runs steps itself (`runs-on` + `steps`), possibly with a `strategy.matrix`: its facts are its matrix values.
import type { JobShape } from "./job-run.js";
import { matrixKeyLocations, matrixRunsOf } from "./matrix-runs.js";

export const matrixJob: JobShape = {
  name: "matrix job",
  matches: (job) => job.uses === null,
  runs: (job) => {
    const { matrix, jobs } = matrixRunsOf(job);
    const keys = matrixKeyLocations(matrix);
    return jobs.map((expanded) => ({
      jobId: job.id,
      values: expanded?.values ?? {},
      keys: new Map([...keys].filter(([key]) => expanded === null || key in expanded.values)),
      expanded,
    }));
  },
};
