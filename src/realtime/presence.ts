import type { Viewer } from './protocol.js';

type Composing = Viewer['composing'];

export interface LocalViewer {
  agentId: string;
  name: string;
  composing: Composing;
  since: Date;
}

interface RemoteEntry {
  viewers: Viewer[];
  /** When the other process last announced it (ms); entries not refreshed in time expire. */
  at: number;
}

/**
 * Who views which ticket: this process's connections (by connection id) and what other processes announced
 * (by process id). Pure bookkeeping, time passed in; the hub decides when to broadcast.
 *
 * An agent with the ticket open in two tabs is one viewer: composing if either tab is, since the earliest.
 */
export class PresenceBook {
  private readonly local = new Map<string, Map<string, LocalViewer>>();
  private readonly remote = new Map<string, Map<string, RemoteEntry>>();

  /** Adds, replaces or (viewer null) removes a connection's presence on a ticket. Returns whether it changed. */
  setLocal(ticketId: string, connId: string, viewer: LocalViewer | null): boolean {
    let byConn = this.local.get(ticketId);
    if (!viewer) {
      if (!byConn?.delete(connId)) return false;
      if (byConn.size === 0) this.local.delete(ticketId);
      return true;
    }
    if (!byConn) this.local.set(ticketId, (byConn = new Map()));
    byConn.set(connId, viewer);
    return true;
  }

  /** Returns whether the composing state changed (false when the connection does not view the ticket). */
  setComposing(ticketId: string, connId: string, composing: Composing): boolean {
    const v = this.local.get(ticketId)?.get(connId);
    if (!v || v.composing === composing) return false;
    v.composing = composing;
    return true;
  }

  /** This process's viewers of a ticket (what it announces to the others). */
  localViewers(ticketId: string): Viewer[] {
    const byConn = this.local.get(ticketId);
    if (!byConn) return [];
    return merge([...byConn.values()].map((v) => ({
      agent_id: v.agentId, name: v.name, composing: v.composing, since: v.since.toISOString(),
    })));
  }

  localTickets(): string[] {
    return [...this.local.keys()];
  }

  /** Replaces what process `pid` said about a ticket. Returns whether the merged viewers may have changed. */
  setRemote(pid: string, ticketId: string, viewers: Viewer[], now: number): boolean {
    let byPid = this.remote.get(ticketId);
    const before = byPid?.get(pid);
    if (viewers.length === 0) {
      if (!before) return false;
      byPid!.delete(pid);
      if (byPid!.size === 0) this.remote.delete(ticketId);
      return true;
    }
    if (!byPid) this.remote.set(ticketId, (byPid = new Map()));
    byPid.set(pid, { viewers, at: now });
    return !before || JSON.stringify(before.viewers) !== JSON.stringify(viewers);
  }

  /** Forgets announcements older than `maxAgeMs` (a process that stopped or lost its connection). */
  expire(now: number, maxAgeMs: number): string[] {
    const changed: string[] = [];
    for (const [ticketId, byPid] of this.remote) {
      for (const [pid, entry] of byPid) {
        if (now - entry.at <= maxAgeMs) continue;
        byPid.delete(pid);
        if (!changed.includes(ticketId)) changed.push(ticketId);
      }
      if (byPid.size === 0) this.remote.delete(ticketId);
    }
    return changed;
  }

  /** Everyone viewing the ticket, in this process and the others. */
  viewers(ticketId: string): Viewer[] {
    const remote = [...(this.remote.get(ticketId)?.values() ?? [])].flatMap((e) => e.viewers);
    return merge([...this.localViewers(ticketId), ...remote]);
  }
}

const COMPOSING_RANK: Record<string, number> = { reply: 2, note: 1, null: 0 };

/** One entry per agent, ordered by arrival: a reply being written wins over a note (it is what can collide). */
function merge(list: Viewer[]): Viewer[] {
  const byAgent = new Map<string, Viewer>();
  for (const v of list) {
    const seen = byAgent.get(v.agent_id);
    if (!seen) {
      byAgent.set(v.agent_id, { ...v });
      continue;
    }
    if (v.since < seen.since) seen.since = v.since;
    if (COMPOSING_RANK[String(v.composing)]! > COMPOSING_RANK[String(seen.composing)]!) seen.composing = v.composing;
  }
  return [...byAgent.values()].sort((a, b) => a.since.localeCompare(b.since) || a.agent_id.localeCompare(b.agent_id));
}
