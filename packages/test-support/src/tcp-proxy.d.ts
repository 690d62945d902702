/** A TCP proxy that can cut the network without closing a socket. */
export interface TcpProxy {
  /** The proxy's port on 127.0.0.1. */
  port: number;
  /** Drops everything in both directions from now on; sockets stay open, nothing is reset. */
  freeze(): void;
  /** Forwards again (what was dropped stays lost, as on a real network). */
  thaw(): void;
  /** Closes every connection and the listener. */
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 in front of `targetPort` on 127.0.0.1.
 *
 * @example
 *   const proxy = await startTcpProxy(cluster.port);
 *   proxy.freeze();
 */
export function startTcpProxy(targetPort: number): Promise<TcpProxy>;
