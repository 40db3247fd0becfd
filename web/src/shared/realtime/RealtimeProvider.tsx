import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ServerMessage, Viewer } from '../../../../src/realtime/protocol';
import { RealtimeSocket } from './socket';

const SocketContext = createContext<RealtimeSocket | null>(null);

/**
 * Opens the socket while signed in and turns `ticket.changed` into query invalidations: every list and the
 * ticket itself refetch through the API, so what a user sees is always what the API lets them see.
 * Query keys follow one convention: ['tickets', …] for lists and counts, ['ticket', id, …] for one ticket.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [socket] = useState(() => new RealtimeSocket());
  useEffect(() => {
    socket.start();
    const off = socket.subscribe((msg) => {
      if (msg.type === 'ticket.changed') {
        void queryClient.invalidateQueries({ queryKey: ['tickets'] });
        void queryClient.invalidateQueries({ queryKey: ['queues'] });
        void queryClient.invalidateQueries({ queryKey: ['ticket', msg.ticket_id] });
      }
    });
    let everConnected = false;
    const offStatus = socket.onStatus((connected) => {
      // Anything may have changed while the socket was down.
      if (connected && everConnected) void queryClient.invalidateQueries();
      if (connected) everConnected = true;
    });
    return () => {
      off();
      offStatus();
      socket.stop();
    };
  }, [socket, queryClient]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export function useSocket(): RealtimeSocket | null {
  return useContext(SocketContext);
}

export function useConnected(): boolean {
  const socket = useSocket();
  const [connected, setConnected] = useState(socket?.connected ?? true);
  useEffect(() => socket?.onStatus(setConnected), [socket]);
  return connected;
}

/** Who else is on this ticket (agents only), kept current by the server's presence messages. */
export function usePresence(ticketId: string | undefined): Viewer[] {
  const socket = useSocket();
  const [viewers, setViewers] = useState<Viewer[]>([]);
  useEffect(() => {
    if (!socket || !ticketId) return;
    setViewers([]);
    const off = socket.subscribe((msg: ServerMessage) => {
      if (msg.type === 'presence' && msg.ticket_id === ticketId) setViewers(msg.viewers);
    });
    const unwatch = socket.watch(ticketId);
    return () => {
      off();
      unwatch();
    };
  }, [socket, ticketId]);
  return viewers;
}
