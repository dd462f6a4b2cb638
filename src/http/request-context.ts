import type { CallDeadline } from './call-deadline.ts';

/** Who a request is for, so that errors can say so (and scrub credentials). */
export interface RequestContext {
  /** The provider's id. */
  provider: string;
  /** The model or deployment. */
  model?: string;
  /** The operation (`chat/completions`, `embeddings`): what a "not supported" answer is about. */
  operation?: string;
  /** Credentials to scrub from anything an error keeps. */
  secrets?: readonly string[];
  /** The call's deadline. */
  deadline: CallDeadline;
}
