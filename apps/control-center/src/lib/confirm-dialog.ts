import { h } from './dom';

/**
 * Asks before a change with a modal <dialog>: the rest of the page is inert while it is open and
 * Tab cycles inside it; Escape or "Go back" answers no; focus returns to what opened it.
 */
export function confirmAction(options: { title: string; body: string; confirm: string }): Promise<boolean> {
  const opener = document.activeElement as HTMLElement | null;
  return new Promise((resolve) => {
    const no = h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => dialog.close('no') },
      'Go back',
    );
    const yes = h(
      'button',
      { type: 'button', class: 'danger', onclick: () => dialog.close('yes') },
      options.confirm,
    );
    const dialog = h(
      'dialog',
      { 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-body', class: 'confirm' },
      h('h2', { id: 'confirm-title' }, options.title),
      h('p', { id: 'confirm-body' }, options.body),
      h('div', { class: 'actions' }, no, yes),
    );
    // A modal dialog makes the page inert, but Tab from its last control would still leave for the
    // browser's own UI: keep it cycling between the two buttons.
    dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Tab') return;
      const [first, last] = event.shiftKey ? [yes, no] : [no, yes];
      if (document.activeElement === last || !dialog.contains(document.activeElement)) {
        event.preventDefault();
        first.focus();
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(dialog.returnValue === 'yes');
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
