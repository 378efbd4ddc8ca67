// PNG export of a chart: the chart's SVG framed with a title, legend and notes (so the picture stands on its
// own in a report), drawn on a white canvas at 2× and downloaded. Only SVG and canvas: no fonts fetched, no
// foreignObject (it would taint the canvas), and the image comes from a blob: URL, which the CSP allows.
export const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Source Han Sans SC', sans-serif";
const NS = 'http://www.w3.org/2000/svg';

export interface LegendItem {
  colour: string;
  label: string;
  /** Drawn hatched (a switched-off criterion). */
  hatched?: boolean;
  /** Drawn as a dashed line (a threshold). */
  line?: boolean;
}

export interface Frame {
  title: string;
  subtitle?: string;
  legend?: LegendItem[];
  notes?: string[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Rough text width: CJK glyphs are square, Latin about half as wide. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? size : size * 0.58;
  return w;
}

/** Breaks a note into lines that fit `width` px (at spaces where there are any, else anywhere). */
export function wrap(s: string, width: number, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of s.split(/(?<=[\s，。；、,;])/)) {
    if (textWidth(line + part, size) <= width) {
      line += part;
      continue;
    }
    if (line) lines.push(line.trimEnd());
    line = '';
    for (const ch of part) {
      if (textWidth(line + ch, size) > width && line) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** The framed SVG as text: header, the chart (nested as it is on screen), legend, notes. */
export function framedSvg(chart: SVGSVGElement, frame: Frame): { svg: string; width: number; height: number } {
  const cw = Math.ceil(Number(chart.getAttribute('width')) || chart.getBoundingClientRect().width);
  const ch = Math.ceil(Number(chart.getAttribute('height')) || chart.getBoundingClientRect().height);
  const pad = 20;
  const width = cw + pad * 2;
  const parts: string[] = [];
  let y = pad + 20;
  parts.push(`<text x="${pad}" y="${y}" font-size="20" font-weight="700" fill="#1f2933">${esc(frame.title)}</text>`);
  if (frame.subtitle) {
    y += 24;
    parts.push(`<text x="${pad}" y="${y}" font-size="13" fill="#6b7785">${esc(frame.subtitle)}</text>`);
  }
  y += 14;
  const clone = chart.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('x', String(pad));
  clone.setAttribute('y', String(y));
  clone.setAttribute('width', String(cw));
  clone.setAttribute('height', String(ch));
  clone.removeAttribute('style'); // recharts sets width/height in CSS too; attributes decide in an image
  parts.push(new XMLSerializer().serializeToString(clone));
  y += ch + 8;
  let x = pad;
  for (const item of frame.legend ?? []) {
    const w = 26 + textWidth(item.label, 13);
    if (x + w > width - pad) {
      x = pad;
      y += 22;
    }
    if (item.line) parts.push(`<line x1="${x}" x2="${x + 16}" y1="${y + 8}" y2="${y + 8}" stroke="${item.colour}" stroke-width="2" stroke-dasharray="4 3"/>`);
    else parts.push(`<rect x="${x}" y="${y + 1}" width="14" height="14" rx="2" fill="${item.hatched ? 'url(#bm-export-hatch)' : item.colour}" stroke="${item.colour}"/>`);
    parts.push(`<text x="${x + 20}" y="${y + 13}" font-size="13" fill="#1f2933">${esc(item.label)}</text>`);
    x += w + 14;
  }
  if (frame.legend?.length) y += 26;
  for (const note of frame.notes ?? []) {
    for (const line of wrap(note, width - pad * 2, 12)) {
      y += 4;
      parts.push(`<text x="${pad}" y="${y + 12}" font-size="12" fill="#4b5563">${esc(line)}</text>`);
      y += 14;
    }
  }
  const height = Math.ceil(y + pad);
  const defs = `<defs><pattern id="bm-export-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eef0f3"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9aa3ad" stroke-width="2"/></pattern></defs>`;
  const svg =
    `<svg xmlns="${NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(FONT)}">` +
    `${defs}<rect width="100%" height="100%" fill="#ffffff"/>${parts.join('')}</svg>`;
  return { svg, width, height };
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('SVG image did not load'));
    img.src = url;
  });
}

/** Renders the framed chart to a PNG blob at `scale`× on white. */
export async function chartPng(chart: SVGSVGElement, frame: Frame, scale = 2): Promise<Blob> {
  const { svg, width, height } = framedSvg(chart, frame);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2D canvas');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.scale(scale, scale);
    g.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Offers a blob as a download under `name` (the shell's download handling decides where it goes). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: the browser reads the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
