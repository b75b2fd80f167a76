// The one error a workflow reader or matrix expander raises: a maintainer's mistake at `file:line:col`.
import { LocatedError } from "../located-error.js";

/** Something in a workflow file that this tool cannot read or GitHub would reject. */
export class WorkflowError extends LocatedError {}
