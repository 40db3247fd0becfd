import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../../../src/realtime/protocol';
import { renderWithProviders } from '../../../test/render';
import { otherViewers, PresenceBar } from './PresenceBar';
import { CAMILLE_ID, ME_ID } from './test-support';

const v = (agent_id: string, name: string, composing: Viewer['composing'] = null, since = '2026-03-02T10:00:00Z'): Viewer => ({
  agent_id, name, composing, since,
});

describe('PresenceBar', () => {
  it('shows the other agents viewing, never me (fr)', () => {
    renderWithProviders(
      <PresenceBar viewers={[v(ME_ID, 'Léa Dubois'), v(CAMILLE_ID, 'Camille Roux'), v('h', 'Hugo Petit', null, '2026-03-02T10:01:00Z')]} meId={ME_ID} />,
    );
    expect(screen.getByRole('status').textContent).toBe('Camille Roux et Hugo Petit consultent aussi ce ticket');
    expect(screen.queryByText(/Léa Dubois/)).toBeNull();
  });

  it('says who is writing a reply or a note (en)', () => {
    renderWithProviders(
      <PresenceBar viewers={[v(CAMILLE_ID, 'Camille Roux', 'reply'), v('h', 'Hugo Petit', 'note'), v(ME_ID, 'Léa Dubois', 'reply')]} meId={ME_ID} />,
      { locale: 'en' },
    );
    expect(screen.getByText('Camille Roux is writing a reply…')).toBeTruthy();
    expect(screen.getByText('Hugo Petit is writing an internal note…')).toBeTruthy();
    expect(screen.queryByText(/Léa Dubois/)).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Camille Roux and Hugo Petit are also viewing this ticket');
  });

  it('shows nothing when I am alone', () => {
    renderWithProviders(<PresenceBar viewers={[v(ME_ID, 'Léa Dubois', 'reply')]} meId={ME_ID} />);
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('counts an agent with two tabs once, typing winning over viewing', () => {
    const others = otherViewers([v(CAMILLE_ID, 'Camille Roux'), v(CAMILLE_ID, 'Camille Roux', 'reply', '2026-03-02T10:03:00Z')], ME_ID);
    expect(others).toHaveLength(1);
    expect(others[0]?.composing).toBe('reply');
    renderWithProviders(<PresenceBar viewers={[v(CAMILLE_ID, 'Camille Roux'), v(CAMILLE_ID, 'Camille Roux', 'note')]} meId={ME_ID} />);
    expect(screen.getByRole('status').textContent).toBe('Camille Roux consulte aussi ce ticket');
    expect(screen.getByText('Camille Roux rédige une note interne…')).toBeTruthy();
  });
});
