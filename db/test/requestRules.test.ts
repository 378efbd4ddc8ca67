// The ledger's status and overdue rules at every boundary: the deadline day, a closing after the as-of day,
// no deadline, a reopened request, and the lights.
import { describe, expect, it } from 'vitest';
import { closedLate, dateProblems, daysLeft, isOverdue, isRealDay, lightAsOf, statusAsOf, zhDate, type RequestDates } from '../requestRules';

const req = (over: Partial<RequestDates> = {}): RequestDates => ({ received: '2024-03-01', handling: '上报专班', assigned: '2024-03-02', deadline: '2024-03-31', closed: null, visited: null, rounds: 1, ...over });

describe('overdue as of a day', () => {
  it('is in time on the deadline day itself and overdue the day after', () => {
    expect(isOverdue(req(), '2024-03-30')).toBe(false);
    expect(isOverdue(req(), '2024-03-31')).toBe(false);
    expect(isOverdue(req(), '2024-04-01')).toBe(true);
  });

  it('counts a request closed after the as-of day as still open then', () => {
    const r = req({ closed: '2024-04-05' });
    expect(isOverdue(r, '2024-04-02')).toBe(true);
    expect(statusAsOf(r, '2024-04-02')).toBe('in_progress');
    expect(isOverdue(r, '2024-04-05')).toBe(false);
    expect(statusAsOf(r, '2024-04-05')).toBe('closed');
  });

  it('marks a closing after the deadline 超期办结, and one on the deadline day on time', () => {
    expect(closedLate(req({ closed: '2024-04-01' }), '2024-05-01')).toBe(true);
    expect(closedLate(req({ closed: '2024-03-31' }), '2024-05-01')).toBe(false);
    // not yet closed as of the day asked: neither late-closed nor closed
    expect(closedLate(req({ closed: '2024-04-01' }), '2024-03-31')).toBe(false);
  });

  it('never makes a request without a deadline overdue', () => {
    const r = req({ deadline: null });
    expect(isOverdue(r, '2099-12-31')).toBe(false);
    expect(closedLate(req({ deadline: null, closed: '2030-01-01' }), '2030-01-02')).toBe(false);
    expect(lightAsOf(r, '2099-12-31')).toBe('green');
    expect(daysLeft(r, '2024-03-05')).toBeNull();
  });

  it('shows red overdue, yellow within three days of the deadline, green otherwise, none once closed', () => {
    expect(lightAsOf(req(), '2024-03-27')).toBe('green');
    expect(lightAsOf(req(), '2024-03-28')).toBe('yellow');
    expect(lightAsOf(req(), '2024-03-31')).toBe('yellow');
    expect(lightAsOf(req(), '2024-04-01')).toBe('red');
    expect(lightAsOf(req({ closed: '2024-03-20' }), '2024-03-31')).toBeNull();
    expect(daysLeft(req(), '2024-03-28')).toBe(3);
    expect(daysLeft(req(), '2024-04-02')).toBe(-2);
  });
});

describe('status from the dates', () => {
  it('runs 待交办 → 办理中 → 已办结 → 已回访 by the day asked', () => {
    const r = req({ assigned: '2024-03-05', closed: '2024-03-20', visited: '2024-03-25' });
    expect(statusAsOf(r, '2024-03-04')).toBe('pending');
    expect(statusAsOf(r, '2024-03-05')).toBe('in_progress');
    expect(statusAsOf(r, '2024-03-20')).toBe('closed');
    expect(statusAsOf(r, '2024-03-24')).toBe('closed');
    expect(statusAsOf(r, '2024-03-25')).toBe('visited');
  });

  it('takes a request solved on the spot as in hand without a hand-over', () => {
    expect(statusAsOf(req({ handling: '就地解决', assigned: null, deadline: null }), '2024-03-01')).toBe('in_progress');
  });

  it('shows a reopened request as 重办 until it is closed again, and overdue against its new deadline', () => {
    const r = req({ rounds: 2, closed: null, deadline: '2024-04-10' });
    expect(statusAsOf(r, '2024-04-01')).toBe('reopened');
    expect(isOverdue(r, '2024-04-10')).toBe(false);
    expect(isOverdue(r, '2024-04-11')).toBe(true);
    expect(statusAsOf({ ...r, closed: '2024-04-08' }, '2024-04-09')).toBe('closed');
  });
});

describe('dates', () => {
  it('refuses days that do not exist and dates before the request was raised', () => {
    expect(isRealDay('2023-02-29')).toBe(false);
    expect(isRealDay('2024-02-29')).toBe(true);
    expect(dateProblems({ received: '2023-02-30' })[0].reason).toContain('不是存在的日期');
    expect(dateProblems({ received: '2024-03-01', deadline: '2024-02-28' })).toEqual([{ field: 'deadline', reason: '办理时限（2024年2月28日）早于提出日期（2024年3月1日）' }]);
    expect(dateProblems({ received: '2024-03-01', closed: '2024-02-01' })[0].field).toBe('closed');
    expect(dateProblems({ received: '2024-03-01', closed: '2024-03-10', visited: '2024-03-09' })[0].field).toBe('visited');
    expect(dateProblems({ received: '2024-03-01', deadline: '2024-03-01', closed: '2024-03-01' })).toEqual([]);
  });

  it('writes days as the bureau does', () => {
    expect(zhDate('2023-07-28')).toBe('2023年7月28日');
    expect(zhDate(null)).toBe('');
  });
});
