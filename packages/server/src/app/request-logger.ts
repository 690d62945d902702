import type { FastifyBaseLogger } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildLoggerOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A request's logger that becomes pino's child logger (bound to the request id) the first time
 * the request logs at a level that is on. Fastify builds that child for every request, which
 * serialises its bindings even when the request logs nothing: most requests, since the one
 * line every request writes goes through the root logger (request-hooks.ts). What a request
 * does log is the same line the child would have written, because it is the child that writes it.
 */
class LazyRequestLogger implements FastifyBaseLogger {
  private built: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
  ) {}

  get level(): string {
    return this.built?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  // Methods on the prototype, so a request that logs nothing costs one small object.
  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  private logger(): FastifyBaseLogger {
    this.built ??= this.parent.child(this.bindings);
    return this.built;
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.built) {
      // pino answers whether a level is on without building anything; other loggers are asked.
      const enabled = (this.parent as { isLevelEnabled?: (level: string) => boolean })
        .isLevelEnabled;
      if (enabled && !enabled.call(this.parent, level)) return;
    }
    const logger = this.logger();
    Reflect.apply(logger[level], logger, args);
  }
}

/**
 * Fastify's childLoggerFactory: a request logger built on first use (LazyRequestLogger), unless
 * the route asks for its own level or serializers, which need the child at once.
 *
 * @example
 * Fastify({ childLoggerFactory: requestLogger });
 */
export function requestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return Object.keys(options).length > 0
    ? logger.child(bindings, options)
    : new LazyRequestLogger(logger, bindings);
}
