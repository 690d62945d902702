/**
 * The CLI spellings of the derivation contexts of spec/derivation-v1.md §2: the seed's CLI writes
 * them in lower case (`--context data_encryption`), the SDK takes the upper-case names. Any
 * other text is used as the info string itself, as the spec says.
 *
 * @example
 * cliContext('data_encryption'); // 'DATA_ENCRYPTION'
 */
export function cliContext(value: string): string {
  const lower = value.toLowerCase();
  if (lower === 'data_encryption' || lower === 'data-encryption') return 'DATA_ENCRYPTION';
  if (lower === 'signing') return 'SIGNING';
  if (lower === 'authentication' || lower === 'auth') return 'AUTHENTICATION';
  return value;
}
