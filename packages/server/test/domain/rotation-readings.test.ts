import { describe, expect, it } from 'vitest';
import { rotationDueAt, usedAfterSuperseded } from '../../src/domain/admin-views.js';

describe('the keys list readings of a registration', () => {
  const registered_at = '2026-01-01T00:00:00.000Z';

  it('dates a rotation from registration plus the reported interval, for active keys only', () => {
    const active = { status: 'active' as const, registered_at };
    expect(rotationDueAt(active, { rotation_interval_days: 90 })).toBe('2026-04-01T00:00:00.000Z');
    expect(rotationDueAt(active, null)).toBeNull();
    for (const days of [0, 3651, 1.5, '90', null]) {
      expect(rotationDueAt(active, { rotation_interval_days: days })).toBeNull();
    }
    expect(
      rotationDueAt({ status: 'superseded', registered_at }, { rotation_interval_days: 90 }),
    ).toBeNull();
  });

  it('flags a superseded key last used after the rotation that superseded it', () => {
    const row = {
      status: 'superseded' as const,
      status_changed_at: '2026-02-01T00:00:00.000Z',
      last_used: '2026-02-01T00:00:00.001Z',
    };
    expect(usedAfterSuperseded(row)).toBe(true);
    expect(usedAfterSuperseded({ ...row, last_used: '2026-01-31T23:59:59.999Z' })).toBe(false);
    expect(usedAfterSuperseded({ ...row, last_used: null })).toBe(false);
    expect(usedAfterSuperseded({ ...row, status: 'revoked' })).toBe(false);
  });
});
