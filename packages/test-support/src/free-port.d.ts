/**
 * A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick for port 0).
 *
 * @example
 *   const port = await freePort();
 */
export function freePort(): Promise<number>;
