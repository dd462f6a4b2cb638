/**
 * The oldest Node.js Switchyard runs on. undici 8, its HTTP client, needs 22.19 (older 22.x releases fail inside
 * undici with `Cannot read properties of undefined (reading 'bind')`), and `node:sqlite` needs 22.13.
 */
export const NODE_FLOOR = '22.19.0';

/**
 * The one sentence that says this Node.js is too old, or undefined when it is recent enough.
 * @example unsupportedNodeMessage('22.13.0') === 'Switchyard needs Node.js 22.19 or newer; this is 22.13.0.'
 */
export function unsupportedNodeMessage(version: string = process.versions.node): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [floorMajor = 0, floorMinor = 0] = NODE_FLOOR.split('.').map(Number);
  if (major > floorMajor || (major === floorMajor && minor >= floorMinor)) return undefined;
  return `Switchyard needs Node.js ${floorMajor}.${floorMinor} or newer; this is ${version}.`;
}
