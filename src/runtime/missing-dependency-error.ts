import { SwitchyardError } from '../errors/switchyard-error.ts';

/**
 * The error for a package Switchyard needs that is not installed (`missing_dependency`): what to tell, or by default
 * that a dependency of Switchyard is missing and how to get it back.
 */
export function missingDependencyError(specifier: string, cause: unknown, missing?: string): SwitchyardError {
  return new SwitchyardError(
    'missing_dependency',
    missing ?? `Switchyard could not find the package ${specifier}, one of its dependencies: reinstall switchyard (npm install switchyard). When bundling your application, keep switchyard external (esbuild --external:switchyard, webpack externals).`,
    { cause },
  );
}
