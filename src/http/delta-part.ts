import type { StreamPart } from '../types/stream-part.ts';

/** The parts a stream sends once per provider event. */
export type DeltaPart = Extract<StreamPart, { type: 'text-delta' | 'reasoning-delta' }>;

interface DeltaPartConstructor {
  new (type: DeltaPart['type'], text: string): DeltaPart;
}

/**
 * A plain object made by `new`: its prototype is `Object.prototype`, as a literal's is, so nobody can tell the two
 * apart (`toStrictEqual`, `constructor === Object`, spread, JSON). What differs is how V8 allocates it. An object
 * literal has an allocation site, and V8 pretenures a site whose objects survived its early scavenges: from then on
 * each of them is born in the old generation. A part born old keeps what it points to (its text, which can be a slice
 * of a whole network read) alive through every scavenge until the next full collection, so a router that holds parts
 * while its caller reads them promoted each stream's text and grew its old generation with garbage (measured in
 * `bench/PROFILE-NOTES.md`). `new` has no allocation site: these parts are always born young and die young.
 */
const DeltaPartObject = function (this: { type: string; text: string }, type: string, text: string) {
  this.type = type;
  this.text = text;
} as unknown as DeltaPartConstructor;
(DeltaPartObject as unknown as { prototype: object }).prototype = Object.prototype;

/**
 * A `text-delta` or `reasoning-delta` part for the stream of an adapter: the plain object `{ type, text }`, allocated
 * where V8 never pretenures it (see above). Use it for every part made per provider event.
 */
export function deltaPart(type: DeltaPart['type'], text: string): DeltaPart {
  return new DeltaPartObject(type, text);
}
