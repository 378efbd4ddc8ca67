import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney, formatPercent, formatRank, parseFigureInput } from '../src/format';

describe('money in 万元 and 亿元', () => {
  it('shows amounts from one 亿 up in 亿元 with two decimals, smaller ones in 万元', () => {
    expect(formatMoney(71063.8)).toBe('7.11 亿元');
    expect(formatMoney(10000)).toBe('1.00 亿元');
    expect(formatMoney(9999.9)).toBe('9,999.9 万元');
    expect(formatMoney(-25000)).toBe('-2.50 亿元');
    expect(formatMoney(0)).toBe('0 万元');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(71063.8, 'en')).toBe('710.6M CNY');
    expect(formatMoney(7187.5, 'en')).toBe('71.9M CNY');
  });
  it('shows shares, ranks and timestamps as the bureau writes them', () => {
    expect(formatPercent(12.5)).toBe('12.5%');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatRank(3)).toBe('第3');
    expect(formatRank(3, 'en')).toBe('#3');
    expect(formatDateTime('2023-07-28T09:05:00+08:00')).toBe('2023年7月28日 09:05');
    expect(formatDateTime('2023-07-28T09:05:00+08:00', 'en')).toBe('2023-07-28 09:05');
  });
});

describe('what an analyst types into a figure cell', () => {
  it.each([
    ['12,345.6', 12345.6],
    ['１２３４５．６', 12345.6],
    ['  3500 ', 3500],
    ['1.2亿', 12000],
    ['1.2亿元', 12000],
    ['3500万元', 3500],
    ['12.5%', 12.5],
    ['-120.5', -120.5],
    ['0', 0],
  ])('%s → %s', (raw, expected) => {
    expect(parseFigureInput(raw)).toBe(expected);
  });
  it.each(['', '-', '—', '/', '无'])('“%s” means no value, never 0', (raw) => {
    expect(parseFigureInput(raw)).toBeNull();
  });
  it.each(['abc', '12a', '1.2.3', '亿'])('refuses %s', (raw) => {
    expect(parseFigureInput(raw)).toBe('invalid');
  });
});

describe('humanSize', () => {
  it('says bytes, KB or MB as the size calls for — a 300-byte file is not "0.1 MB"', async () => {
    const { humanSize } = await import('../src/sections/refresh/fileBytes');
    const zh = (key: string, o?: Record<string, unknown>) => (key === 'refresh.file.bytes' ? `${String(o?.n)} 字节` : key);
    expect(humanSize(300, zh)).toBe('300 字节');
    expect(humanSize(1023, zh)).toBe('1023 字节');
    expect(humanSize(1024, zh)).toBe('1 KB');
    expect(humanSize(12_800, zh)).toBe('12.5 KB');
    expect(humanSize(3.4 * 1024 * 1024, zh)).toBe('3.4 MB');
  });
});
