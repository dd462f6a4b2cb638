/**
 * True when `specifier` (an optional peer dependency such as `@azure/identity`) is installed where Switchyard can
 * load it. Resolves the package without loading it, so that creating a provider can say at once that a peer its
 * settings need is missing, rather than at the first request.
 */
export function isPackageInstalled(specifier: string): boolean {
  try {
    import.meta.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}
