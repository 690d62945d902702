/** A child `h` accepts: nodes, text, or nothing (skipped), possibly nested in arrays. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes and event handlers of `h`; `on*` functions become listeners. */
export type Attributes = Record<
  string,
  string | number | boolean | null | undefined | ((event: Event) => void)
>;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child as readonly Child[]) append(parent, c);
    return;
  }
  parent.appendChild(
    child instanceof Node ? child : document.createTextNode(String(child as string | number)),
  );
}

/**
 * Creates an element. Text always goes through text nodes, never innerHTML, so nothing the
 * server returns (a key name, an audit detail) can become markup.
 *
 * @example
 * h('button', { type: 'button', onclick: () => save() }, 'Save');
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children) append(element, child);
  return element;
}

/**
 * Replaces the content of `parent`.
 *
 * @example
 * replace(main, h('h1', {}, 'Keys'));
 */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  for (const child of children) append(parent, child);
}

/**
 * Says something to screen readers through the page's polite live region (a state change that
 * has no visible focus move, e.g. "12 keys loaded").
 *
 * @example
 * announce('Key revoked');
 */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  // Clearing first makes a repeated message be read again.
  region.textContent = '';
  window.setTimeout(() => (region.textContent = text), 30);
}

/**
 * A labelled form field: the label names the control for screen readers and stays visible.
 *
 * @example
 * field('Search', h('input', { id: 'search', name: 'search' }));
 */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
  );
}
