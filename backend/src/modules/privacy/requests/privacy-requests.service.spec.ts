import { PrivacyRequestEntity } from '../entities/privacy-request.entity.js';
import { mailName, toRequestDto } from './privacy-requests.service.js';
import { DAY_MS } from '#src/common/time.js';

function request(overrides: Partial<PrivacyRequestEntity> = {}): PrivacyRequestEntity {
  const now = new Date('2026-11-24T12:00:00Z');
  return Object.assign(new PrivacyRequestEntity(), {
    id: '0b3f5c1e-9a43-4c84-a1d3-35d2b2f64b11',
    organizationId: 'f1d1b1a6-1a36-4a52-9f43-4a1ed9e3c3a2',
    employeeId: '7d8f3f64-2b41-4d6e-8a50-2b9b8d1a6e77',
    type: 'access',
    status: 'pending',
    note: null,
    filedByUserId: null,
    dueAt: new Date(now.getTime() + 30 * DAY_MS),
    completedAt: null,
    rejectionReason: null,
    resultFile: null,
    downloadExpiresAt: null,
    verification: null,
    reminded7: false,
    reminded1: false,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
}

describe('toRequestDto', () => {
  const now = new Date('2026-11-24T12:00:00Z');

  it('flags open requests past due as overdue, never closed ones', () => {
    const past = new Date(now.getTime() - DAY_MS);
    expect(toRequestDto(request({ dueAt: past }), now).overdue).toBe(true);
    expect(toRequestDto(request({ dueAt: past, status: 'processing' }), now).overdue).toBe(true);
    expect(toRequestDto(request({ dueAt: past, status: 'completed' }), now).overdue).toBe(false);
    expect(toRequestDto(request(), now).overdue).toBe(false);
  });

  it('gives a download path only for a completed access request with a file', () => {
    const done = request({
      status: 'completed',
      resultFile: 'files/privacy/x.zip',
      completedAt: now,
    });
    expect(toRequestDto(done, now).downloadUrl).toBe(
      '/api/v1/privacy/requests/0b3f5c1e-9a43-4c84-a1d3-35d2b2f64b11/download',
    );
    expect(
      toRequestDto(request({ resultFile: 'files/privacy/x.zip' }), now).downloadUrl,
    ).toBeUndefined();
    expect(
      toRequestDto(request({ type: 'erasure', status: 'completed', resultFile: 'x' }), now)
        .downloadUrl,
    ).toBeUndefined();
  });

  it('keeps to the pinned shape: ISO dates, optional fields absent when unset', () => {
    const dto = toRequestDto(request(), now);
    expect(dto.dueAt).toBe('2026-12-24T12:00:00.000Z');
    expect(dto).not.toHaveProperty('completedAt');
    expect(dto).not.toHaveProperty('rejectionReason');
  });
});

describe('mailName', () => {
  it('never names the person of an erasure request', () => {
    expect(mailName('erasure', '7d8f3f64-2b41', 'Ada Lovelace')).toBe('employee 7d8f3f64');
    expect(mailName('access', '7d8f3f64-2b41', 'Ada Lovelace')).toBe('Ada Lovelace');
    expect(mailName('access', '7d8f3f64-2b41', undefined)).toBe('employee 7d8f3f64');
  });
});
