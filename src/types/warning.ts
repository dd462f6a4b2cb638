/** A setting that was not applied as asked, or something the caller should know. Never a silent drop. */
export interface Warning {
  /** `unsupported-setting`: a request setting the provider cannot honour; `other`: anything else. */
  type: 'unsupported-setting' | 'other';
  /** The setting, for example `seed` or `parameters.oneOf`. */
  setting?: string | undefined;
  /** What happened, in words. */
  message: string;
}
