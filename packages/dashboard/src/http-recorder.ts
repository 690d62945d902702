/** The request fields of RFC 9421 signed requests, shown with the request when it has them. */
const SIGNATURE_FIELDS = ['Signature-Input', 'Signature', 'Content-Digest'] as const;

/** One request the page sent and the answer it got, as shown in the Try-it view. */
export interface Exchange {
  method: string;
  path: string;
  /** The request's signature fields (name, value), in SIGNATURE_FIELDS order; empty if unsigned. */
  signatureFields: Array<[string, string]>;
  requestBody: string | null;
  status: number | null;
  statusText: string;
  responseBody: string;
}

/**
 * A `fetch` that records every request and answer it passes on, for `createServerIntegration`'s
 * `fetch` option: the SDK builds and signs the requests, the page shows them as they went.
 *
 * @example
 * const recorder = createHttpRecorder();
 * const server = createServerIntegration({ baseUrl: location.origin, fetch: recorder.fetch });
 * recorder.take(); // the exchanges since the last take
 */
export function createHttpRecorder(): { fetch: typeof fetch; take(): Exchange[] } {
  let exchanges: Exchange[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    // createSignedFetch hands on a signed Request with no init: its method and fields are there.
    const request = input instanceof Request ? input : null;
    const url = new URL(input instanceof Request ? input.url : String(input), window.location.href);
    const headers = new Headers(init?.headers ?? request?.headers);
    const body = init?.body;
    const exchange: Exchange = {
      method: init?.method ?? request?.method ?? 'GET',
      path: url.pathname + url.search,
      signatureFields: SIGNATURE_FIELDS.flatMap((name): Array<[string, string]> => {
        const value = headers.get(name);
        return value === null ? [] : [[name, value]];
      }),
      requestBody: typeof body === 'string' ? body : null,
      status: null,
      statusText: '',
      responseBody: '',
    };
    exchanges.push(exchange);
    try {
      const response = await fetch(input, init);
      exchange.status = response.status;
      exchange.statusText = response.statusText;
      exchange.responseBody = await response.clone().text();
      return response;
    } catch (error) {
      exchange.statusText = 'no answer (network error)';
      throw error;
    }
  };
  return {
    fetch: recordingFetch,
    take() {
      const taken = exchanges;
      exchanges = [];
      return taken;
    },
  };
}

/**
 * Pretty-prints a JSON body for display; anything else is returned as it came.
 *
 * @example
 * prettyJson('{"a":1}') // '{\n  "a": 1\n}'
 */
export function prettyJson(text: string | null): string {
  if (text === null || text === '') return '(no body)';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
