import { EventEmitter } from 'node:events';

/** A response whose socket buffer is "full" after `capacity` writes, until `drain` is emitted. */
export function fakeResponse(capacity: number) {
  const res = Object.assign(new EventEmitter(), {
    status: 0,
    headers: [] as string[],
    writes: [] as string[],
    ended: undefined as string | undefined,
    destroyed: false,
    writeHead(status: number, headers: string[]) {
      res.status = status;
      res.headers = headers;
      return res;
    },
    write(chunk: string) {
      res.writes.push(chunk);
      return res.writes.length < capacity;
    },
    end(chunk?: string) {
      res.ended = chunk ?? '';
    },
    /** Everything sent, as SSE events. */
    events: () => [...res.writes, res.ended ?? ''].join('').split('\n\n').filter(Boolean),
  });
  return res;
}
