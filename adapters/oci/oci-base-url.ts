/** The OpenAI-compatible base URL of OCI Generative AI in a region (commercial realm `oc1`). */
export function ociBaseURL(region: string): string {
  return `https://inference.generativeai.${region}.oci.oraclecloud.com/openai/v1`;
}
