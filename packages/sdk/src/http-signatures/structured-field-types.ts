/**
 * The RFC 8941 (Structured Field Values) data model, as far as HTTP Message Signatures and
 * Digest Fields need it: dictionaries, inner lists, items with parameters, and the six bare item
 * types. Each bare item keeps its type, so a parsed value serialises back to the same field
 * (RFC 9421 §2.3 rebuilds `@signature-params` that way).
 *
 * @example
 * const created: BareItem = { type: 'integer', value: 1618884473 };
 */
export type BareItem =
  | { readonly type: 'integer'; readonly value: number }
  | { readonly type: 'decimal'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'token'; readonly value: string }
  | { readonly type: 'binary'; readonly value: Uint8Array }
  | { readonly type: 'boolean'; readonly value: boolean };

/** Parameters (RFC 8941 §3.1.2): an ordered map from key to bare item. */
export type Parameters = Map<string, BareItem>;

/** An item (RFC 8941 §3.3): a bare item and its parameters. */
export interface Item {
  readonly value: BareItem;
  readonly params: Parameters;
}

/** An inner list (RFC 8941 §3.1.1): items in parentheses, with parameters of its own. */
export interface InnerList {
  readonly items: Item[];
  readonly params: Parameters;
}

/** A dictionary (RFC 8941 §3.2): an ordered map from key to item or inner list. */
export type Dictionary = Map<string, Item | InnerList>;

/**
 * True when a dictionary member is an inner list rather than an item.
 *
 * @example
 * if (isInnerList(member)) member.items.length;
 */
export function isInnerList(member: Item | InnerList): member is InnerList {
  return 'items' in member;
}

/** The largest and smallest integers RFC 8941 §3.3.1 allows (15 decimal digits). */
export const MAX_SF_INTEGER = 999_999_999_999_999;
