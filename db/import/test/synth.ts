// Synthetic template files for tests: n firms × the given years, valid credit codes, plausible figures.
import { checkCharacter } from '../../creditCode';

export function creditCode(n: number): string {
  const body = `91370405${String(n).padStart(9, '0')}`;
  return body + checkCharacter(body);
}

export function syntheticCsv(firms: number, years: number[] = [2020, 2021, 2022]): Buffer {
  const lines = ['统一社会信用代码,企业名称,年度,所属镇街,产业链,营业收入,主营业务收入,研发费用,国内市场占有率,全国排名'];
  for (let i = 0; i < firms; i++) {
    for (const [k, y] of years.entries()) {
      const revenue = 5000 + ((i * 7919) % 90000) * (1 + k * 0.1);
      lines.push([creditCode(i + 1000), `合成企业${i}`, y, '运河街道', '高端装备', revenue.toFixed(1), (revenue * 0.9).toFixed(1), (revenue * 0.04).toFixed(1), (i % 40) + 1, (i % 30) + 1].join(','));
    }
  }
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}
