import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

/**
 * A button that opens a panel: a click outside the wrapper closes it, and Escape (through `onKeyDown` on the
 * wrapper) closes it and gives the focus back to the button.
 */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (wrapper.current && !wrapper.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(false);
      button.current?.focus();
    }
  }
  return { open, setOpen, wrapper, button, onKeyDown };
}
