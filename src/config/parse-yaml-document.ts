import { parseDocument } from 'yaml';

/**
 * The YAML parser, in a module of its own that is loaded for the first YAML config read (a config object never
 * loads it); the package build bundles `yaml` into it.
 */
export { parseDocument };
