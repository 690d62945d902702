import type { OptionSpec } from './command.js';
import { KEY_ID } from './key-options.js';

/**
 * Options of the commands that sign an HTTP request (request, sign-request):
 * io/request-input.ts reads --data and --header, cli/request-signer.ts the key and client id.
 *
 * @example
 * options: { ...REQUEST_OPTIONS, include: { type: 'boolean', help: '...' } },
 */
export const REQUEST_OPTIONS: Record<string, OptionSpec> = {
  data: {
    type: 'string',
    multiple: true,
    short: 'd',
    value: 'DATA',
    help: 'the content: @FILE, - (standard input) or the text itself; sent byte for byte',
  },
  header: {
    type: 'string',
    multiple: true,
    short: 'H',
    value: "'NAME: VALUE'",
    help: 'a header field to send (repeatable); Content-Type is signed when given',
  },
  ...KEY_ID,
  'client-id': {
    type: 'string',
    value: 'ID',
    help: "the signature's keyid (default: the client id the key was registered as)",
  },
};
