/** A parsed dashboard address: `#/overview?window=1h`, `#/keys?search=a`, `#/clients/<id>`, `#/audit`, `#/try`. */
export interface Route {
  /** The first path segment: overview (when there is none), keys, clients, audit or try. */
  view: string;
  /** The remaining segments, decoded. */
  params: string[];
  query: URLSearchParams;
}

/**
 * Reads the route from a location hash. Hash routes keep the server simple (it serves one
 * index.html at `/`) and make every view linkable and back-button friendly.
 *
 * @example
 * parseRoute('#/clients/client_1') // { view: 'clients', params: ['client_1'], ... }
 */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  return {
    view: segments[0] ?? 'overview',
    params: segments.slice(1),
    query: new URLSearchParams(search),
  };
}

/**
 * Builds a hash link.
 *
 * @example
 * href(['clients', id]) // '#/clients/client_1'
 */
export function href(
  segments: string[],
  query: Record<string, string | null | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value) params.set(name, value);
  }
  const search = params.toString();
  return `#/${segments.map(encodeURIComponent).join('/')}${search ? `?${search}` : ''}`;
}
