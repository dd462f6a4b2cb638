/**
 * A document in a user message (a PDF, for example): either a URL (`https:`, or `gs:` for Vertex) or inline bytes.
 * Inline `data` is base64 text or raw bytes. Targets that cannot take documents (`capabilities.documents: false`)
 * are skipped by routing with the reason.
 */
export type FilePart =
  | { type: 'file'; url: string; mediaType: string; /** A file name, for providers that show one to the model. */ filename?: string | undefined }
  | { type: 'file'; data: string | Uint8Array; mediaType: string; /** A file name, for providers that show one to the model. */ filename?: string | undefined };
