import { appContext, buildApp } from '../app/build-app.js';
import type { ServerConfig } from '../config/server-config.js';
import { listenControlSocket } from '../control/control-socket.js';
import { welcomeFirstStart } from './first-start-sign-in.js';
import { tokenControlHandlers } from './token-command.js';

/**
 * `datafold-server serve`: builds the app, listens, and shuts down cleanly on SIGTERM/SIGINT.
 * On SQLite it also answers the data directory's control socket, so the `token` commands work
 * while the server holds the directory.
 *
 * @example
 * await serve(loadConfig(['--port', '9001'], process.env));
 */
export async function serve(config: ServerConfig): Promise<void> {
  const app = await buildApp(config);
  const ctx = appContext(app);
  const control = config.databaseUrl
    ? null
    : await listenControlSocket(config.dataDir, tokenControlHandlers(ctx.tokens)).catch(
        (error: unknown) => {
          app.log.warn(
            { err: error },
            'control socket unavailable: token commands need the server stopped',
          );
          return null;
        },
      );
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    // app.close stops accepting, waits for in-flight requests, flushes and closes the database.
    Promise.all([control?.close(), app.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await Promise.all([control?.close(), app.close()]);
    throw error;
  }
  // One plain line for the person who started the server, beside the JSON logs for machines.
  process.stdout.write(
    `datafold-server listening on ${address} (dashboard at /, API docs at /docs)\n`,
  );
  await welcomeFirstStart(ctx.tokens, config.publicUrl ?? address, config.signInLink, {
    write: (text) => process.stdout.write(text),
    isTTY: process.stdout.isTTY === true,
  }).catch((error: unknown) => {
    // The server runs on; the operator can still make a token with `token create`.
    app.log.warn({ err: error }, 'first-start sign-in link not created');
  });
}
