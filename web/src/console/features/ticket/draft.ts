import type { AttachedMacro } from '../macros/MacroChips';

/** A composer draft, kept per ticket for the tab's life (sessionStorage), so a reload or a detour loses nothing. */
export interface Draft {
  mode: 'reply' | 'note';
  text: string;
  /** Reply ids on the timeline when this draft began (see collision.ts). */
  baseline: string[] | null;
  /** The macro picked for this reply: its changes are applied when the reply is sent. */
  macro?: AttachedMacro | null;
}

const isMacro = (m: unknown): m is AttachedMacro =>
  typeof m === 'object' && m !== null && typeof (m as AttachedMacro).id === 'string' && typeof (m as AttachedMacro).name === 'string' &&
  Array.isArray((m as AttachedMacro).actions) && Array.isArray((m as AttachedMacro).omitted);

const key = (ticketId: string) => `relais.draft.${ticketId}`;

export function loadDraft(ticketId: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(key(ticketId));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    if (typeof d.text !== 'string') return null;
    return {
      mode: d.mode === 'note' ? 'note' : 'reply',
      text: d.text,
      baseline: Array.isArray(d.baseline) ? d.baseline.filter((x): x is string => typeof x === 'string') : null,
      macro: isMacro(d.macro) ? d.macro : null,
    };
  } catch {
    return null;
  }
}

export function saveDraft(ticketId: string, draft: Draft): void {
  try {
    if (!draft.text && draft.mode === 'reply' && !draft.macro) sessionStorage.removeItem(key(ticketId));
    else sessionStorage.setItem(key(ticketId), JSON.stringify(draft));
  } catch {
    // storage full or disabled: the draft still lives in the page
  }
}

export function clearDraft(ticketId: string): void {
  try {
    sessionStorage.removeItem(key(ticketId));
  } catch {
    // nothing to clear
  }
}
