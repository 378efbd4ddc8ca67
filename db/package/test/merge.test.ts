// Merging districts' packages into a city file: matching by credit code, identical reports, conflicts kept
// open (and settled by --prefer or by the analyst), provenance, 报送区县, and undo of a merge.
import { describe, expect, it } from 'vitest';
import { call, callError } from '../../test/helpers';
import { city, district, fileInput, firmIdOf, packageOf, setFigure } from './fixtures';

const FIRM = '鑫金山机械';

async function revenue(c: ReturnType<typeof city>, firm: string, year: number) {
  const id = await firmIdOf(c, firm);
  const f = await call(c.service, 'firm.get', { firmId: id });
  const y = f.years.find((x) => x.year === year)!;
  const source = f.sources.find((s) => s.id === y.sources.revenue)!;
  return { value: y.values.revenue, source: source.label };
}

describe('package merge', () => {
  it('merges three district files into a city file: firms by credit code, conflicts with every value and source, provenance, districts', async () => {
    const a = district('峄城区');
    const b = district('台儿庄区');
    const c = district('山亭区');
    await setFigure(b, FIRM, 2022, { revenue: 99999 });
    // 山亭区 reports only one of the firms, identically to 峄城区.
    const keep = await firmIdOf(c, '越成制动');
    for (const r of (await call(c.service, 'pool.list', { year: 2023, limit: 100 })).rows) {
      if (r.firmId !== keep) await call(c.service, 'poolYear.setMember', { year: 2023, firmId: r.firmId, status: 'removed', reason: '测试' });
    }
    c.pool.db.prepare('DELETE FROM pool_members WHERE firm_id <> ?').run(keep);
    const before = await revenue({ ...a } as never, FIRM, 2022);

    const town = city();
    const files = [packageOf(a), packageOf(b), packageOf(c)].map(fileInput);
    const preview = await call(town.service, 'package.preview', { files });
    expect(preview.newFirms).toBe(11);
    expect(preview.changedValues).toBe(0);
    expect(preview.packages.map((p) => [p.district, p.firms, p.newFirms, p.label])).toEqual([
      ['峄城区', 11, 11, '峄城区报送包（2024年3月1日）'],
      ['台儿庄区', 11, 0, '台儿庄区报送包（2024年3月1日）'],
      ['山亭区', 1, 0, '山亭区报送包（2024年3月1日）'],
    ]);
    // Only the one value two districts reported differently; 山亭区 agrees with 峄城区 everywhere.
    expect(preview.conflicts).toEqual([
      { creditCode: expect.any(String), name: FIRM, year: 2022, field: 'revenue', chosen: null, values: [
        { district: '峄城区', value: before.value, source: '峄城区报送包（2024年3月1日）' },
        { district: '台儿庄区', value: 99999, source: '台儿庄区报送包（2024年3月1日）' },
      ] },
    ]);
    // The preview wrote nothing.
    expect((await call(town.service, 'pool.years', {}))).toEqual([]);

    const merged = await call(town.service, 'package.merge', { files });
    expect(merged.importIds).toHaveLength(3);
    // Without a choice the city keeps what it had: nothing.
    expect((await revenue(town, FIRM, 2022)).value).toBeNull();
    // Every other value came in with its package as provenance.
    expect(await revenue(town, '越成制动', 2022)).toMatchObject({ source: '峄城区报送包（2024年3月1日）' });
    const list = await call(town.service, 'pool.list', { year: 2023, limit: 100 });
    expect(list.total).toBe(11);
    const yc = list.rows.find((r) => r.name === '越成制动')!;
    expect(yc.districts).toEqual(['台儿庄区', '山亭区', '峄城区'].sort((x, y) => x.localeCompare(y)));
    expect((await call(town.service, 'pool.list', { year: 2023, district: '山亭区' })).rows.map((r) => r.name)).toEqual(['越成制动']);
    expect((await call(town.service, 'pool.facets', { year: 2023 })).districts).toEqual(expect.arrayContaining(['峄城区', '台儿庄区', '山亭区']));
    const districts = await call(town.service, 'package.districts', { year: 2023 });
    expect(districts.districts.find((d) => d.district === '山亭区')!.firms).toBe(1);
    expect(districts.shared).toBe(11);
    expect(districts.openConflicts).toBe(1);

    // The analyst picks 台儿庄区's value: written with that package as its source, the conflict closed.
    const [open] = await call(town.service, 'package.conflicts', {});
    const resolved = await call(town.service, 'package.resolve', { id: open.id, district: '台儿庄区' });
    expect(resolved).toMatchObject({ status: 'resolved', chosenDistrict: '台儿庄区', resolvedHow: 'analyst', current: 99999 });
    expect(await revenue(town, FIRM, 2022)).toEqual({ value: 99999, source: '台儿庄区报送包（2024年3月1日）' });
    expect(await call(town.service, 'package.conflicts', {})).toEqual([]);
    expect((await callError(town.service, 'package.resolve', { id: open.id, district: '峄城区' })).message).toContain('已于');
  });

  it('takes the preferred district’s value with --prefer, and records the conflict as settled that way', async () => {
    const a = district('峄城区');
    const b = district('台儿庄区');
    await setFigure(b, FIRM, 2022, { revenue: 99999 });
    const town = city();
    const files = [packageOf(a), packageOf(b)].map(fileInput);
    const preview = await call(town.service, 'package.preview', { files, prefer: '台儿庄区' });
    expect(preview.conflicts.map((c) => c.chosen)).toEqual(['台儿庄区']);
    expect((await callError(town.service, 'package.preview', { files, prefer: '市中区' })).message).toContain('不在所合并的报送包中');
    await call(town.service, 'package.merge', { files, prefer: '台儿庄区' });
    expect(await revenue(town, FIRM, 2022)).toEqual({ value: 99999, source: '台儿庄区报送包（2024年3月1日）' });
    expect(await call(town.service, 'package.conflicts', {})).toEqual([]);
    expect((await call(town.service, 'package.conflicts', { status: 'all' }))[0]).toMatchObject({ status: 'resolved', resolvedHow: 'prefer', chosenDistrict: '台儿庄区' });
  });

  it('treats identical reports as no conflict, and a district’s new report of its own value as a change', async () => {
    const a = district('峄城区');
    const b = district('台儿庄区');
    const town = city();
    await call(town.service, 'package.merge', { files: [packageOf(a), packageOf(b)].map(fileInput) });
    expect(await call(town.service, 'package.conflicts', { status: 'all' })).toEqual([]);
    // 峄城区 corrects a figure and sends a new package: the value the city holds came with its own earlier
    // package, so the new one replaces it (a change, not a conflict).
    await setFigure(a, FIRM, 2022, { revenue: 123456 });
    const again = await call(town.service, 'package.preview', { files: [fileInput(packageOf(a, { at: new Date('2024-03-05T10:00:00') }))] });
    expect(again.newFirms).toBe(0);
    expect(again.conflicts).toHaveLength(0);
    expect(again.changes).toEqual([{ district: '峄城区', creditCode: expect.any(String), name: FIRM, year: 2022, field: 'revenue', old: expect.any(Number), new: 123456 }]);
    expect(again.changedValues).toBe(1);
  });

  it('sees one 元 apart as a conflict at any magnitude (no tolerance in “identical”)', async () => {
    for (const assets of [40_000, 4_000_000]) {
      const a = district('峄城区');
      const b = district('台儿庄区');
      // 万元 with four decimals: 0.0001 万元 is one 元.
      await setFigure(a, FIRM, 2022, { total_assets: assets });
      await setFigure(b, FIRM, 2022, { total_assets: assets + 0.0001 });
      const p = await call(city().service, 'package.preview', { files: [packageOf(a), packageOf(b)].map(fileInput) });
      expect(p.conflicts.map((c) => [c.field, c.values.map((v) => v.value)])).toEqual([['total_assets', [assets, assets + 0.0001]]]);
    }
  });

  it('conflicts with what the city file holds from elsewhere, and keeps the city’s value', async () => {
    const a = district('峄城区');
    const town = city();
    await call(town.service, 'package.merge', { files: [fileInput(packageOf(a))] });
    // The city corrects the figure by hand; the district's next package reports the old one.
    await setFigure(town, FIRM, 2022, { revenue: 155555 });
    const p = await call(town.service, 'package.preview', { files: [fileInput(packageOf(a, { at: new Date('2024-04-01T10:00:00') }))] });
    expect(p.conflicts).toHaveLength(1);
    expect(p.conflicts[0].values[0]).toMatchObject({ district: '本库', value: 155555 });
    await call(town.service, 'package.merge', { files: [fileInput(packageOf(a, { at: new Date('2024-04-02T10:00:00') }))] });
    expect((await revenue(town, FIRM, 2022)).value).toBe(155555);
  });

  it('undoes a merge package by package with the import undo: values, firms, districts, judgements and shortlists', async () => {
    const a = district('峄城区');
    const b = district('台儿庄区');
    const firm = await firmIdOf(a, FIRM);
    await call(a.service, 'analyst.record', { firmId: firm, kind: 'judgement', key: 'c1', setId: 'cn-champion-2023', value: true, note: '龙头地位明确' });
    await call(a.service, 'shortlist.create', { name: '冠军推荐', year: 2023, setId: 'cn-champion-2023', firmIds: [firm] });
    await setFigure(b, FIRM, 2021, { revenue: 154321 });
    const town = city();
    await call(town.service, 'package.merge', { files: [packageOf(a), packageOf(b)].map(fileInput) });
    const townFirm = await firmIdOf(town, FIRM);
    const inputs = (await call(town.service, 'evaluate.firm', { firmId: townFirm })).inputs;
    expect(inputs.some((i) => i.note?.includes('龙头地位明确') && i.note.includes('峄城区报送包'))).toBe(true);
    expect((await call(town.service, 'shortlist.list', {})).map((s) => s.name)).toEqual(['峄城区：冠军推荐']);
    const [open] = await call(town.service, 'package.conflicts', {});
    await call(town.service, 'package.resolve', { id: open.id, district: '台儿庄区' });

    // The newest package first: 台儿庄区's writes (and the value the analyst picked from it) are taken back.
    const plan = await call(town.service, 'import.undoPlan', {});
    expect(plan.import.file).toBe('台儿庄区.cpool');
    await call(town.service, 'import.undo', { conflicts: 'revert' });
    expect((await revenue(town, FIRM, 2021)).value).toBeNull();
    expect((await call(town.service, 'package.districts', { year: 2023 })).districts.map((d) => d.district)).toEqual(['峄城区']);
    expect(await call(town.service, 'package.conflicts', { status: 'all' })).toEqual([]);
    // Then 峄城区: the firms it created, with its judgements and shortlist, go.
    await call(town.service, 'import.undo', {});
    expect((await call(town.service, 'pool.list', { year: 2023 })).total).toBe(0);
    expect(await call(town.service, 'shortlist.list', {})).toEqual([]);
    expect(town.pool.db.prepare('SELECT count(*) FROM firms').pluck().get()).toBe(0);
    // An undone package can be merged again.
    await call(town.service, 'package.merge', { files: [fileInput(packageOf(a))] });
  });
});
