import type { ToolCall } from '../../src/types/tool-call.ts';
import type { VertexReasoningCollector } from './vertex-reasoning-collector.ts';
import { vertexToolCallId } from './vertex-tool-call-id.ts';
import type { VertexFunctionCall, VertexPartialArg } from './vertex-wire-types.ts';

type Json = Record<string, unknown>;
type PathToken = string | number;

/** Parses an RFC 9535 normalized path such as `$.recipe.steps[9]` or `$['a b'][0]`; undefined when it is not one. */
function parseJsonPath(path: string): PathToken[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const tokens: PathToken[] = [];
  let i = 1;
  while (i < path.length) {
    if (path[i] === '.') {
      const match = /^[^.[]+/.exec(path.slice(i + 1));
      if (!match) return undefined;
      tokens.push(match[0]);
      i += 1 + match[0].length;
    } else if (path[i] === '[') {
      const match = /^\[(?:(\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(path.slice(i));
      if (!match) return undefined;
      tokens.push(match[1] !== undefined ? Number(match[1]) : (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1'));
      i += match[0].length;
    } else return undefined;
  }
  return tokens;
}

function valueOf(arg: VertexPartialArg): unknown {
  if (arg.stringValue !== undefined) return arg.stringValue;
  if (arg.numberValue !== undefined) return arg.numberValue;
  if (arg.boolValue !== undefined) return arg.boolValue;
  return null;
}

interface OpenCall {
  id?: string;
  name: string;
  args: Json;
  signature?: string;
  /** Paths whose string value continues in the next piece. */
  continuing: Set<string>;
}

/**
 * Assembles function calls from stream chunks. A call sent whole (`{ name, args }`) is complete at once. A call whose
 * arguments are streamed (`streamFunctionCallArguments`) starts with `{ name, willContinue: true }`, grows through
 * `partialArgs` (values placed at their JSON path; string pieces of one path joined) and ends with the first
 * `functionCall` without `willContinue` (often an empty `{}`), or when the stream finishes.
 */
export class VertexToolCallAssembler {
  #open: OpenCall | undefined;
  #count = 0;
  #reasoning: VertexReasoningCollector;

  /** @param reasoning where the calls' thought signatures go (the provider's store and the turn's reasoning state) */
  constructor(reasoning: VertexReasoningCollector) {
    this.#reasoning = reasoning;
  }

  /** Takes one `functionCall` part; returns the calls it completed. */
  push(call: VertexFunctionCall, signature: string | undefined, responseId: string | undefined): ToolCall[] {
    const done: ToolCall[] = [];
    // A name starts a new call: a streamed call names itself only in its first piece.
    if (this.#open && call.name) done.push(...this.finish(responseId));
    if (!this.#open) {
      if (!call.name) return done;
      this.#open = { name: call.name, args: {}, continuing: new Set() };
      if (call.id) this.#open.id = call.id;
    }
    const open = this.#open;
    if (signature && !open.signature) open.signature = signature;
    if (call.args) Object.assign(open.args, call.args);
    for (const arg of call.partialArgs ?? []) this.#apply(open, arg);
    if (call.willContinue !== true) done.push(...this.finish(responseId));
    return done;
  }

  /** Completes the call still open, if any (the stream ended). */
  finish(responseId: string | undefined): ToolCall[] {
    const open = this.#open;
    if (!open) return [];
    this.#open = undefined;
    const id = vertexToolCallId({ id: open.id, responseId, index: this.#count++, name: open.name, args: open.args });
    if (open.signature) this.#reasoning.callSignature(id, open.signature);
    return [{ id, name: open.name, arguments: open.args, rawArguments: JSON.stringify(open.args) }];
  }

  #apply(open: OpenCall, arg: VertexPartialArg): void {
    const tokens = arg.jsonPath === undefined ? undefined : parseJsonPath(arg.jsonPath);
    if (!tokens || tokens.length === 0) return;
    let node: Json | unknown[] = open.args;
    for (let i = 0; i < tokens.length - 1; i++) {
      const key = tokens[i] as PathToken;
      const holder = node as Record<PathToken, unknown>;
      if (typeof holder[key] !== 'object' || holder[key] === null) holder[key] = typeof tokens[i + 1] === 'number' ? [] : {};
      node = holder[key] as Json | unknown[];
    }
    const last = tokens[tokens.length - 1] as PathToken;
    const holder = node as Record<PathToken, unknown>;
    const path = arg.jsonPath as string;
    const value = valueOf(arg);
    holder[last] = typeof value === 'string' && open.continuing.has(path) && typeof holder[last] === 'string' ? (holder[last] as string) + value : value;
    if (arg.willContinue) open.continuing.add(path);
    else open.continuing.delete(path);
  }
}
