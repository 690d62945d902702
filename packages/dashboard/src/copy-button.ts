import { announce, h } from './dom.js';

/**
 * Puts `text` on the clipboard. The Clipboard API exists only in secure contexts (HTTPS,
 * localhost); elsewhere — a dashboard reached over plain HTTP on a LAN — a selected, off-screen
 * textarea and the older copy command do the same.
 */
async function writeClipboard(text: string): Promise<void> {
  if (window.isSecureContext && navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = h('textarea', { class: 'copy-source', readonly: true, 'aria-hidden': 'true' });
  area.value = text;
  document.body.append(area);
  const focused = document.activeElement as HTMLElement | null;
  area.select();
  try {
    // Deprecated, but the one way to copy without the Clipboard API.
    if (!document.execCommand('copy')) throw new Error('the browser refused to copy');
  } finally {
    area.remove();
    focused?.focus();
  }
}

/**
 * A small button that copies `text` and says so: its word turns to "Copied" for a moment and
 * screen readers hear "Copied" (or why it failed) through the page's live region. `what` names
 * the value in the button's accessible name ("Copy client id acme-billing"), in hidden text after
 * the visible word, so the name always begins with what is seen.
 *
 * @example
 * cell.append(code, copyButton(row.client_id, `client id ${row.client_id}`));
 */
export function copyButton(text: string, what: string): HTMLButtonElement {
  const word = h('span', {}, 'Copy');
  const button = h(
    'button',
    { type: 'button', class: 'copy', title: `Copy ${what}` },
    word,
    h('span', { class: 'visually-hidden' }, ` ${what}`),
  );
  // Back to "Copy" once the reader moves on, not on a timer that could cut the word short.
  const reset = () => (word.textContent = 'Copy');
  button.addEventListener('blur', reset);
  button.addEventListener('mouseleave', reset);
  button.addEventListener('click', () => {
    writeClipboard(text).then(
      () => {
        word.textContent = 'Copied';
        announce('Copied');
      },
      () => {
        word.textContent = 'Not copied';
        announce('Could not copy: select the text and copy it by hand.');
      },
    );
  });
  return button;
}

/**
 * A value in `<code>` followed by its copy button, kept together on one line where it fits.
 *
 * @example
 * copyable(entry.client_id, 'client id');
 */
export function copyable(text: string, what: string, codeClass = ''): HTMLElement {
  return h(
    'span',
    { class: 'copyable' },
    h('code', { class: codeClass || null }, text),
    copyButton(text, `${what} ${text.length > 24 ? `${text.slice(0, 12)}…` : text}`),
  );
}
