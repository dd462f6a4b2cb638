type NodeSqlite = typeof import('node:sqlite');

/**
 * `node:sqlite`, loaded on first use (importing Switchyard does not load it) and without the warning Node 22 prints
 * when it is first loaded ("ExperimentalWarning: SQLite is an experimental feature and might change at any time"):
 * a library the application did not ask about SQLite should not print it on every run. Only that one warning, only
 * while the module loads, is dropped; Node emits it once per process, so an application that loads `node:sqlite`
 * itself afterwards does not see it either. Node 24 prints none.
 */
export function loadNodeSqlite(load: () => NodeSqlite = () => process.getBuiltinModule('node:sqlite')): NodeSqlite {
  const emitWarning = process.emitWarning;
  process.emitWarning = function filtered(this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const text = typeof warning === 'string' ? warning : warning.message;
    if (type === 'ExperimentalWarning' && text.startsWith('SQLite is an experimental feature')) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emitWarning;
  }
}
