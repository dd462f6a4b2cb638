/**
 * A response body that delivers `bytes` in pieces of the given sizes (cycled), so that event and UTF-8 character
 * boundaries fall inside reads, as they do on a real connection.
 */
export function unevenByteStream(bytes: Uint8Array, sizes: readonly number[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      let at = 0;
      for (let i = 0; at < bytes.length; i++) {
        const size = sizes[i % sizes.length] as number;
        controller.enqueue(bytes.subarray(at, at + size));
        at += size;
      }
      controller.close();
    },
  });
}
