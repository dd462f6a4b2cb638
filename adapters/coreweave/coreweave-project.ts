/**
 * A CoreWeave Serverless Inference `project`: `<team>/<project>` (docs.coreweave.com, Serverless Inference API
 * reference; a wrong entity or project is answered with 401).
 */
export const COREWEAVE_PROJECT = /^[^/\s]+\/[^/\s]+$/;

/** What a malformed `project` is told. */
export const COREWEAVE_PROJECT_MESSAGE = 'must be your team and project as team/project (for example acme/inference), which usage is attributed to';
