import type { Channel } from '../api/types';
import { useT } from '../i18n/I18nProvider';

/** 16×16 outline glyphs, one per channel; the channel's name is the accessible name. */
const PATHS: Record<Channel, string> = {
  email: 'M2 4h12v8H2z M2 4l6 5 6-5',
  chat: 'M2 3h12v8H7l-3 3v-3H2z',
  phone: 'M4 2h3l1 3-2 1a8 8 0 0 0 4 4l1-2 3 1v3a1 1 0 0 1-1 1A11 11 0 0 1 3 3a1 1 0 0 1 1-1z',
  portal: 'M2 3h12v10H2z M2 6h12 M4 4.5h1',
  api: 'M6 3L3 8l3 5 M10 3l3 5-3 5',
};

/** `decorative` when the channel's name is written next to it. */
export function ChannelIcon({ channel, decorative = false }: { channel: Channel; decorative?: boolean }) {
  const t = useT();
  const a11y = decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': t(`channel.${channel}`) };
  return (
    <svg className={`channel-icon channel-${channel}`} viewBox="0 0 16 16" width="16" height="16" {...a11y}>
      {!decorative && <title>{t(`channel.${channel}`)}</title>}
      <path d={PATHS[channel]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
