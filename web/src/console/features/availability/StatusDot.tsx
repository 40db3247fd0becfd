import type { AgentStatus } from './api';
import './availability.css';

/** The coloured dot next to a status; decorative: the status is always written next to it. */
export function StatusDot({ status, outOfOffice = false }: { status: AgentStatus; outOfOffice?: boolean }) {
  return <span className={`status-dot status-dot-${outOfOffice ? 'ooo' : status}`} aria-hidden="true" />;
}
