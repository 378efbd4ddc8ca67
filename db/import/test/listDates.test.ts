// The dates of the lists (推送日期, 结对日期, 入库日期 and the stage dates): the forms analysts type, read to
// YYYY-MM-DD; anything else refused with the form to use.
import { describe, expect, it } from 'vitest';
import { readDate } from '../listFile';

const FORM = '日期应写作 2023-07-28 或 2023年7月28日';

describe('a list date', () => {
  it('is read in the forms analysts type: 2023-07-28, 2023/7/28, 2023.7.28, 2023年7月28日, spaced or full-width', () => {
    expect(readDate('2023-07-28')).toEqual({ value: '2023-07-28' });
    expect(readDate('2023/7/8')).toEqual({ value: '2023-07-08' });
    expect(readDate('2023.12.1')).toEqual({ value: '2023-12-01' });
    expect(readDate('2023年7月28日')).toEqual({ value: '2023-07-28' });
    expect(readDate('2023年7月28')).toEqual({ value: '2023-07-28' });
    expect(readDate('2023 年 7 月 28 日')).toEqual({ value: '2023-07-28' });
    expect(readDate('２０２３－０７－２８')).toEqual({ value: '2023-07-28' });
    expect(readDate(' 2023-07-28　')).toEqual({ value: '2023-07-28' });
    expect(readDate(new Date(Date.UTC(2023, 6, 28)))).toEqual({ value: '2023-07-28' });
  });

  it('is empty for a blank cell', () => {
    expect(readDate(null)).toEqual({ value: null });
    expect(readDate(undefined)).toEqual({ value: null });
    expect(readDate('')).toEqual({ value: null });
    expect(readDate('  　')).toEqual({ value: null });
  });

  it('refuses other forms, with the form to use: a day first, a range, a remark around the date', () => {
    expect(readDate('28/07/2023')).toEqual({ reason: FORM });
    expect(readDate('2023-07')).toEqual({ reason: FORM });
    expect(readDate('2023-07-28至2023-08-01')).toEqual({ reason: FORM });
    expect(readDate('2023-07-28前')).toEqual({ reason: FORM });
    expect(readDate('约2023年7月28日')).toEqual({ reason: FORM });
    expect(readDate('23-7-28')).toEqual({ reason: FORM });
    expect(readDate('2023-007-28')).toEqual({ reason: FORM });
    expect(readDate('2023-07-280')).toEqual({ reason: FORM });
  });

  it('refuses a day the calendar does not have (30 February, month 13), and a date cell holding no date', () => {
    expect(readDate('2023-02-30')).toEqual({ reason: '不是有效日期' });
    expect(readDate('2023年2月29日')).toEqual({ reason: '不是有效日期' });
    expect(readDate('2024年2月29日')).toEqual({ value: '2024-02-29' });
    expect(readDate('2023-13-01')).toEqual({ reason: '不是有效日期' });
    expect(readDate('2023-07-00')).toEqual({ reason: '不是有效日期' });
    expect(readDate(new Date(Number.NaN))).toEqual({ reason: '不是有效日期' });
  });
});
