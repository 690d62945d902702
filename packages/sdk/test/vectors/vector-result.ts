/** One checked vector case, as every runner reports it in Node and in the browser alike. */
export interface VectorResult {
  suite: string;
  name: string;
  ok: boolean;
  detail?: string;
}
