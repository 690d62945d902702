import { h, type Child } from './dom.js';

/** What {@link confirmDialog} shows. */
export interface ConfirmOptions {
  /** The heading, a question naming what is acted on. */
  title: string;
  /** What happens if confirmed, in words. */
  body: Child;
  /** Extra controls (e.g. a reason field) between the text and the buttons. */
  fields?: Child;
  /** The confirming button's label, naming the action and its object. */
  confirmLabel: string;
  /** Aborting it (the reader navigated) closes the dialog as cancelled. */
  signal: AbortSignal;
}

let dialogs = 0;

/**
 * A modal confirmation that resolves true when confirmed and false when cancelled: by its Cancel
 * button, Escape, or navigation (the signal aborts). Cancel has the focus, so Enter does no harm.
 *
 * @example
 * if (await confirmDialog({ title: 'Revoke token on-call?', body: '…', confirmLabel: 'Revoke on-call', signal })) …
 */
export function confirmDialog(options: ConfirmOptions): Promise<boolean> {
  const id = `dialog-${(dialogs += 1)}`;
  return new Promise((resolve) => {
    if (options.signal.aborted) {
      resolve(false);
      return;
    }
    const dialog = h(
      'dialog',
      { 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-text` },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: `${id}-title` }, options.title),
        h('p', { id: `${id}-text` }, options.body),
        options.fields,
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            { type: 'submit', value: 'cancel', class: 'secondary', autofocus: true },
            'Cancel',
          ),
          h('button', { type: 'submit', value: 'confirm', class: 'danger' }, options.confirmLabel),
        ),
      ),
    );
    const onAbort = () => dialog.close('cancel');
    options.signal.addEventListener('abort', onAbort, { once: true });
    dialog.addEventListener('close', () => {
      options.signal.removeEventListener('abort', onAbort);
      // A navigation during the dialog cancels it even if the confirm button was what closed it.
      const confirmed = dialog.returnValue === 'confirm' && !options.signal.aborted;
      dialog.remove();
      resolve(confirmed);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
