/** The base URL of CoreWeave Serverless Inference (formerly W&B Inference). */
export const COREWEAVE_SERVERLESS_BASE_URL = 'https://api.inference.wandb.ai/v1';
