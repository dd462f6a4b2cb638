import { isSecretKey } from './is-secret-key.ts';

/** What `formatYamlError` reads of a `yaml` parse error. */
export interface YamlErrorLike {
  message: string;
  /** 1-based line and column of the start (and end) of the problem. */
  linePos?: [{ line: number; col: number }, { line: number; col: number }?] | { line: number; col: number }[];
}

const KEY_VALUE = /((?:^|[{,\s-])\s*)(["']?)([A-Za-z0-9_.-]+)\2(\s*:\s+)([^,{}[\]\s][^,{}[\]]*?)(\s*(?:[,}\]]|#|$))/g;

/**
 * A line of the file with the value of every secret key (`apiKey: sk-…`, `{ token: … }`) replaced by `***`, and the
 * 1-based column `col` moved to the same spot in the masked line.
 */
function maskSecrets(line: string, col: number): { text: string; col: number } {
  let moved = col;
  const text = line.replace(KEY_VALUE, (all, before: string, quote: string, key: string, colon: string, value: string, after: string, offset: number) => {
    if (!isSecretKey(key) || value.startsWith('${')) return all;
    const start = offset + before.length + 2 * quote.length + key.length + colon.length + 1;
    if (col >= start + value.length) moved -= value.length - 3;
    else if (col > start) moved = start;
    return `${before}${quote}${key}${quote}${colon}***${after}`;
  });
  return { text, col: moved };
}

/**
 * A YAML syntax error as one readable message: what is wrong, where, and the lines around it with a caret under
 * the spot, like yaml's own code frame but never showing a secret (values of keys such as `apiKey`, `token`,
 * `password` are masked). `lines` are the file's lines as the user wrote them.
 */
export function formatYamlError(error: YamlErrorLike, lines: readonly string[]): string {
  const what = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
  const at = error.linePos?.[0];
  if (!at) return `YAML syntax error: ${what}`;
  const width = String(at.line).length;
  const frame: string[] = [];
  let caret = at.col;
  for (let n = Math.max(1, at.line - 1); n <= at.line; n++) {
    const masked = maskSecrets(lines[n - 1] ?? '', n === at.line ? at.col : 0);
    if (n === at.line) caret = masked.col;
    frame.push(`    ${String(n).padStart(width)} | ${masked.text}`);
  }
  frame.push(`    ${' '.repeat(width)} | ${' '.repeat(Math.max(0, caret - 1))}^`);
  return `YAML syntax error at line ${at.line}, column ${at.col}: ${what}\n${frame.join('\n')}`;
}
