import { markError } from './switchyard-error.ts';
import { ProviderApiError, type ProviderApiErrorDetails } from './provider-api-error.ts';

/** A safety filter blocked the prompt (Azure `content_filter` 400, Vertex prompt block). Code `content_filter`. */
export class ContentFilterError extends ProviderApiError {
  /** The filter categories that fired, such as `sexual` or `SAFETY`. */
  readonly categories: string[];
  /** The provider's filter results as sent. */
  readonly filterResults?: unknown;

  constructor(message: string, details: ProviderApiErrorDetails & { categories?: string[] | undefined; filterResults?: unknown }) {
    super('content_filter', message, details);
    this.categories = details.categories ?? [];
    if (details.filterResults !== undefined) this.filterResults = details.filterResults;
  }
}
markError(ContentFilterError);
