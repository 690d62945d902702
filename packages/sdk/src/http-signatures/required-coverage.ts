/**
 * What a signature must cover and does not (spec §2.1): `@method`; the target as `@target-uri`
 * or all of `@authority`, `@path` and `@query`; `content-digest` when the request has content.
 * Answers the missing components in words, or undefined when coverage suffices.
 *
 * @example
 * missingCoverage(['@method', '@target-uri'], true); // '"content-digest"'
 */
export function missingCoverage(
  covered: readonly string[],
  withContent: boolean,
): string | undefined {
  const has = (id: string) => covered.includes(id);
  const missing: string[] = [];
  if (!has('@method')) missing.push('"@method"');
  if (!has('@target-uri') && !(has('@authority') && has('@path') && has('@query'))) {
    missing.push('"@target-uri" (or "@authority", "@path" and "@query")');
  }
  if (withContent && !has('content-digest')) missing.push('"content-digest"');
  return missing.length === 0 ? undefined : missing.join(', ');
}
