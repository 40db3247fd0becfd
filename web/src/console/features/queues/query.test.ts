import { describe, expect, it } from 'vitest';
import {
  currentSort,
  effectiveQuery,
  filtersOverridden,
  queryToSave,
  readOverrides,
  setOverride,
  toCsv,
  toggleSort,
  writeOverrides,
} from './query';

const mine = { assignee: 'me', status: 'new,open,pending,on_hold' };

describe('URL overrides of a queue query', () => {
  it('reads only the list filters from the search string, keeping empty values as "any"', () => {
    expect(readOverrides('status=&q=%20vpn%20&utm=x&cursor=abc&priority=P1,P2')).toEqual({
      status: '',
      q: 'vpn',
      priority: 'P1,P2',
    });
  });

  it('writes a stable, readable search string and reads it back', () => {
    const o = { sort: '-priority', q: 'écran noir', status: 'new,open', team: '' };
    const s = writeOverrides(o);
    expect(s).toBe('q=%C3%A9cran%20noir&status=new,open&team=&sort=-priority');
    expect(readOverrides(s)).toEqual(o);
  });

  it('applies overrides on the queue query and drops "any"', () => {
    expect(effectiveQuery(mine, { status: '', priority: 'P1' })).toEqual({ assignee: 'me', priority: 'P1' });
    expect(effectiveQuery(mine, {})).toEqual(mine);
  });

  it('never sends a relevance sort without a search text', () => {
    expect(effectiveQuery({}, { sort: '-relevance' })).toEqual({});
    expect(effectiveQuery({}, { sort: '-relevance', q: 'vpn' })).toEqual({ sort: '-relevance', q: 'vpn' });
  });

  it('removes an override set back to the queue value', () => {
    const o = setOverride(mine, {}, 'status', 'open');
    expect(o).toEqual({ status: 'open' });
    expect(setOverride(mine, o, 'status', mine.status)).toEqual({});
    expect(setOverride(mine, {}, 'q', '')).toEqual({});
    expect(setOverride(mine, {}, 'assignee', '')).toEqual({ assignee: '' });
  });

  it('tells filter changes from sort changes', () => {
    expect(filtersOverridden({ sort: 'number' })).toBe(false);
    expect(filtersOverridden({ sort: 'number', tier: 'L2' })).toBe(true);
  });

  it('orders multi-values canonically', () => {
    expect(toCsv(['pending', 'new', 'new', 'x'], ['new', 'open', 'pending'])).toBe('new,pending,x');
  });
});

describe('sorting', () => {
  it('knows the API defaults', () => {
    expect(currentSort({})).toEqual({ field: 'updated_at', direction: 'desc' });
    expect(currentSort({ q: 'vpn' })).toEqual({ field: 'relevance', direction: 'desc' });
    expect(currentSort({ sort: 'number' })).toEqual({ field: 'number', direction: 'asc' });
  });

  it('starts a new column descending and flips the current one', () => {
    expect(toggleSort({}, 'priority')).toBe('-priority');
    expect(toggleSort({ sort: '-priority' }, 'priority')).toBe('priority');
    expect(toggleSort({ sort: 'priority' }, 'priority')).toBe('-priority');
    expect(toggleSort({}, 'updated_at')).toBe('updated_at');
  });

  it('starts the SLA column with the nearest deadline first', () => {
    expect(toggleSort({}, 'sla_due')).toBe('sla_due');
    expect(toggleSort({ sort: 'sla_due' }, 'sla_due')).toBe('-sla_due');
    expect(toggleSort({ sort: '-sla_due' }, 'sla_due')).toBe('sla_due');
    expect(currentSort({ sort: '-sla_due' })).toEqual({ field: 'sla_due', direction: 'desc' });
  });
});

describe('saving a view', () => {
  it('leaves out the moment a built-in queue computed, keeps everything else', () => {
    const recent = { updated_after: '2026-03-01T10:00:00.000Z', sort: '-updated_at', priority: 'P1' };
    expect(queryToSave(recent, true)).toEqual({ sort: '-updated_at', priority: 'P1' });
    expect(queryToSave(recent, false)).toEqual(recent);
  });
});
