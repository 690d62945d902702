import type { OptionSpec } from './command.js';

/**
 * Options of the commands that take a message (sign, verify, verify-local); io/message-input.ts
 * reads their values.
 *
 * @example
 * options: { ...KEY_ID, ...MESSAGE_OPTIONS },
 */
export const MESSAGE_OPTIONS: Record<string, OptionSpec> = {
  message: { type: 'string', short: 'm', value: 'MSG', help: 'the message' },
  'message-file': { type: 'string', value: 'FILE', help: 'the message is the bytes of FILE' },
  'message-stdin': { type: 'boolean', help: 'the message is standard input' },
  encoding: { type: 'string', value: 'ENC', help: '--message is utf8 (default), hex or base64' },
};

/**
 * `--signature` of the commands that check one (verify, verify-local); io/signature-input.ts
 * reads it.
 *
 * @example
 * options: { ...MESSAGE_OPTIONS, ...SIGNATURE_OPTION },
 */
export const SIGNATURE_OPTION: Record<string, OptionSpec> = {
  signature: {
    type: 'string',
    short: 's',
    value: 'FILE',
    help: 'signature file (raw, hex or base64) or hex/base64 text',
  },
};
