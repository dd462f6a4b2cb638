/**
 * The target that serves a routed stream, known as soon as it has opened (before its first part is read): the
 * iterator of `switchyard.stream(request)` has it as a read-only `served` property, undefined until the stream has
 * opened (and for a stream that failed to open). A gateway uses it to name the served model from the first chunk on.
 */
export interface ServedTarget {
  /** The config id of the provider serving the stream. */
  readonly provider: string;
  /**
   * The model sent to the provider (a model id; for Azure, the deployment name). The `finish` part's `model` is the
   * version the provider says it served.
   */
  readonly model: string;
}
