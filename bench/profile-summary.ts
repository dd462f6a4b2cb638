import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

// Summarises V8 CPU profiles (`npm run bench -- --profile` writes them to bench/.profiles, one per client and
// scenario, covering the measured phase only): top functions by self time, inclusive time of the functions in
// Switchyard's own code, and self time per package or source folder.
// Usage: node bench/profile-summary.ts [--top 25] [--grep src/] [--callers fnName] file.cpuprofile [more.cpuprofile]
// --callers prints the distinct call stacks (innermost first) that lead to a function, with their time.
// The "charged to" list gives each sample to the innermost frame of Switchyard's own code on its stack (--own, a regex
// on "name  path:line"), so that library and runtime work (undici, AbortSignal listeners, timers) counts against the
// Switchyard function that asked for it; samples with no such frame (I/O callbacks, GC) are "(outside)".

interface ProfileNode {
  id: number;
  positionTicks?: Array<{ line: number; ticks: number }>;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const { values: opts, positionals: files } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' }, grep: { type: 'string' }, callers: { type: 'string' }, own: { type: 'string', default: ' (src|adapters|dist)/' } } });
const top = Number(opts.top);
const cwd = process.cwd();

function where(url: string): string {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? relative(cwd, new URL(url).pathname) : url;
  return path;
}

function bucket(url: string): string {
  const path = where(url);
  const nm = path.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = path.slice(nm + 13).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (path.startsWith('node:')) return path.split('/').slice(0, 2).join('/');
  if (path === '(native)') return '(native: GC, program, idle)';
  return path.split('/').slice(0, 2).join('/');
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  const ownPattern = new RegExp(opts.own as string);
  const charged = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const buckets = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(profile.samples[i]) as ProfileNode;
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    // The profiler's own Session.post (stopping the profile) is not the client's work.
    if (node.callFrame.url === 'node:inspector') continue;
    total += dt;
    const k = key(node);
    self.set(k, (self.get(k) ?? 0) + dt);
    const b = bucket(node.callFrame.url);
    buckets.set(b, (buckets.get(b) ?? 0) + dt);
    const seen = new Set<string>();
    let chargedTo: string | undefined;
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const kk = key(byId.get(id) as ProfileNode);
      if (chargedTo === undefined && ownPattern.test(kk)) chargedTo = kk;
      if (seen.has(kk)) continue;
      seen.add(kk);
      inclusive.set(kk, (inclusive.get(kk) ?? 0) + dt);
    }
    chargedTo ??= '(outside)';
    charged.set(chargedTo, (charged.get(chargedTo) ?? 0) + dt);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  console.log(`\n=== ${file}: ${(total / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle`);
  console.log(`\n-- top ${top} by self time`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)} ${ms(us)}  ${k}`);
  // Line-level ticks show what a function's self time is made of (V8 folds inlined builtins such as JSON.parse into their caller).
  console.log('\n-- hottest source lines of the top 8 functions in src/, adapters/, dist/ and bench/ (share of that function\'s sampled ticks)');
  const lines = new Map<string, Map<number, number>>();
  for (const n of profile.nodes) {
    if (!n.positionTicks) continue;
    const k = key(n);
    let m = lines.get(k);
    if (!m) lines.set(k, (m = new Map()));
    for (const t of n.positionTicks) m.set(t.line, (m.get(t.line) ?? 0) + t.ticks);
  }
  const ownTop = [...self].filter(([k]) => / (src|adapters|dist|bench)\//.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 8);
  for (const [k] of ownTop) {
    const m = lines.get(k);
    if (!m) continue;
    const sum = [...m.values()].reduce((a, b) => a + b, 0);
    const hot = [...m].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([line, t]) => `line ${line} ${((100 * t) / sum).toFixed(0)}%`);
    console.log(`  ${k}: ${hot.join(', ')}`);
  }
  console.log('\n-- self time by package / folder');
  for (const [k, us] of [...buckets].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(us)} ${ms(us)}  ${k}`);
  if (opts.callers) {
    const stacks = new Map<string, number>();
    for (let i = 0; i < profile.samples.length; i++) {
      const chain: string[] = [];
      let hit = false;
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
        const n = byId.get(id) as ProfileNode;
        if (!hit && n.callFrame.functionName === opts.callers) hit = true;
        if (hit && chain.length < 12) chain.push(key(n));
      }
      if (hit) stacks.set(chain.join('\n      <- '), (stacks.get(chain.join('\n      <- ')) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
    console.log(`\n-- stacks through ${opts.callers}`);
    for (const [k, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`${pct(us)} ${ms(us)}  ${k}\n`);
  }
  console.log('\n-- charged to the innermost own frame (self time plus the library and runtime work it called)');
  for (const [k, us] of [...charged].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)} ${ms(us)}  ${k}`);
  const filter = opts.grep ?? '';
  const own = [...inclusive].filter(([k]) => (filter ? k.includes(filter) : / (src|adapters|dist)\//.test(k)));
  console.log(`\n-- inclusive time, ${filter ? `functions matching "${filter}"` : "Switchyard's own functions (src/, adapters/, the built dist/)"}`);
  for (const [k, us] of own.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)} ${ms(us)}  ${k}`);
}
