import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { PriorityMatrixSection } from './PriorityMatrixSection';
import { apiError, mockApi, signedIn } from './test-api';

const DEFAULT = [
  ['P1', 'P2', 'P3'],
  ['P2', 'P3', 'P4'],
  ['P3', 'P4', 'P4'],
];

afterEach(() => vi.unstubAllGlobals());

describe('PriorityMatrixSection', () => {
  it('edits cells and saves the whole grid with PUT', async () => {
    const calls = mockApi({
      'GET /settings/priority-matrix': () => ({ matrix: DEFAULT, is_default: true }),
      'PUT /settings/priority-matrix': (c) => ({ matrix: (c.body as { matrix: string[][] }).matrix, is_default: false }),
    });
    const user = userEvent.setup();
    renderWithProviders(<PriorityMatrixSection />, { client: signedIn('admin') });

    // Row and column headers name the levels; each cell says which pair it sets.
    expect(await screen.findByRole('columnheader', { name: 'Impact 1 (élevé)' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Urgence 3 (basse)' })).toBeTruthy();
    expect(screen.getByText('C’est la matrice par défaut.')).toBeTruthy();
    const save = screen.getByRole('button', { name: 'Enregistrer' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);

    const cell = screen.getByRole('combobox', { name: 'Priorité quand l’urgence est moyenne et l’impact élevé' });
    expect((cell as HTMLSelectElement).value).toBe('P2');
    await user.selectOptions(cell, 'P1');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Priorité quand l’urgence est basse et l’impact faible' }), 'P3');
    expect(screen.getByText('Modifications non enregistrées.')).toBeTruthy();
    await user.click(save);

    expect(await screen.findByText('Matrice des priorités enregistrée.')).toBeTruthy();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/settings/priority-matrix');
    expect(put?.body).toEqual({
      matrix: [
        ['P1', 'P2', 'P3'],
        ['P1', 'P3', 'P4'],
        ['P3', 'P4', 'P3'],
      ],
    });
  });

  it('explains P1–P4 and labels the grid in English', async () => {
    mockApi({ 'GET /settings/priority-matrix': () => ({ matrix: DEFAULT, is_default: true }) });
    renderWithProviders(<PriorityMatrixSection />, { client: signedIn('admin'), locale: 'en' });
    expect(await screen.findByRole('combobox', { name: 'Priority when urgency is high and impact is low' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Impact 2 (medium)' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Urgency 1 (high)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'What the priorities mean' })).toBeTruthy();
    expect(screen.getByText('A service is down or many people are blocked: handle it at once.')).toBeTruthy();
    expect(screen.getAllByText('P4 — Low').length).toBeGreaterThan(0);
  });

  it('restores the default grid and shows the server’s refusal', async () => {
    const custom = [
      ['P1', 'P1', 'P1'],
      ['P1', 'P1', 'P1'],
      ['P1', 'P1', 'P1'],
    ];
    const calls = mockApi({
      'GET /settings/priority-matrix': () => ({ matrix: custom, is_default: false }),
      'PUT /settings/priority-matrix': () => apiError(403, 'FORBIDDEN', 'You are not allowed to do this.'),
    });
    const user = userEvent.setup();
    renderWithProviders(<PriorityMatrixSection />, { client: signedIn('admin') });
    await user.click(await screen.findByRole('button', { name: 'Rétablir la matrice par défaut' }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Vous n’avez pas le droit d’effectuer cette action.');
    expect(document.activeElement).toBe(alert);
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ matrix: DEFAULT });
  });
});
