import type { GatewayRoute } from './gateway-route.ts';

/** What a path resolves to: a route (and its parameter), a path served with other methods, or nothing. */
export type RouteMatch = { route: GatewayRoute; param: string } | { allow: string[] } | undefined;

/** The routes by method and path: exact paths in one map lookup, parameter routes by prefix after that. */
export class RouteTable {
  readonly #exact = new Map<string, GatewayRoute>();
  readonly #methods = new Map<string, string[]>();
  readonly #prefixed: GatewayRoute[] = [];

  constructor(routes: readonly GatewayRoute[]) {
    for (const route of routes) {
      if (route.param) this.#prefixed.push(route);
      else this.#exact.set(`${route.method} ${route.path}`, route);
      const methods = this.#methods.get(route.path) ?? [];
      methods.push(route.method);
      this.#methods.set(route.path, methods);
    }
  }

  /** The route for `method` and `path` (without its query string). */
  match(method: string, path: string): RouteMatch {
    const exact = this.#exact.get(`${method} ${path}`);
    if (exact) return { route: exact, param: '' };
    for (const route of this.#prefixed) {
      if (path.length > route.path.length && path.startsWith(route.path)) {
        if (route.method !== method) return { allow: this.#methods.get(route.path) ?? [] };
        let param: string;
        try {
          param = decodeURIComponent(path.slice(route.path.length));
        } catch {
          return undefined;
        }
        return { route, param };
      }
    }
    const allow = this.#methods.get(path);
    return allow ? { allow } : undefined;
  }
}
