import { useEffect, useLayoutEffect, useRef } from 'react';

export interface ListKeyboardActions {
  /** Move the selection by one row (+1 = j, -1 = k). */
  move(delta: 1 | -1): void;
  /** Enter: open the selected ticket; false when nothing is selected (the key then does its usual job). */
  open(): boolean;
  focusSearch(): void;
  showHelp(): void;
  /** n: take the next ticket (pull mode). */
  nextTicket(): void;
}

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const INTERACTIVE = 'a[href], button, input, select, textarea, summary, [role="button"], [contenteditable]';

function isTyping(el: Element | null): boolean {
  return !!el && (TYPING.has(el.tagName) || (el as HTMLElement).isContentEditable);
}

/**
 * The list's shortcuts, Gmail style: j/k move, Enter opens, / goes to the search, ? shows the help, n takes the
 * next ticket. They are
 * ignored while typing in a field, with a modifier key held, and inside a dialog. Enter is taken only where it
 * would do nothing else: on the page itself or on a row of the list (a row's link opens the same ticket).
 */
export function useListKeyboard(actions: ListKeyboardActions): void {
  const latest = useRef(actions);
  useLayoutEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      const target = e.target instanceof Element ? e.target : null;
      if (isTyping(target) || target?.closest('dialog')) return;
      const a = latest.current;
      switch (e.key) {
        case 'j':
        case 'k':
          e.preventDefault();
          a.move(e.key === 'j' ? 1 : -1);
          return;
        case '/':
          e.preventDefault();
          a.focusSearch();
          return;
        case '?':
          e.preventDefault();
          a.showHelp();
          return;
        case 'n':
          e.preventDefault();
          a.nextTicket();
          return;
        case 'Enter': {
          const onRow = !!target?.closest('[data-ticket-rows]');
          if (!onRow && target?.closest(INTERACTIVE)) return;
          if (a.open()) e.preventDefault();
          return;
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
