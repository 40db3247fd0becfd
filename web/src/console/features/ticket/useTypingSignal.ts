import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSocket } from '../../../shared/realtime/RealtimeProvider';

/** How long after the last keystroke an agent stops counting as "typing". */
export const TYPING_IDLE_MS = 6_000;

/**
 * Tells the other agents on the ticket that this one is writing a reply or a note. The socket only sends a
 * change of state, so calling `start` on every keystroke costs nothing; the state falls back to null after a
 * pause, on `stop` (send, blur) and when the composer goes away.
 */
export function useTypingSignal(ticketId: string) {
  const socket = useSocket();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const clear = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  const stop = useCallback(() => {
    clear();
    socket?.setTyping(ticketId, null);
  }, [socket, ticketId]);
  const start = useCallback(
    (mode: 'reply' | 'note') => {
      clear();
      socket?.setTyping(ticketId, mode);
      timer.current = setTimeout(stop, TYPING_IDLE_MS);
    },
    [socket, ticketId, stop],
  );
  useEffect(() => stop, [stop]);
  return useMemo(() => ({ start, stop }), [start, stop]);
}
