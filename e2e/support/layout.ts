// Layout checks for narrow laptops, measured in the page: what is cut off without a way to scroll to it,
// chips that wrap, and selects too narrow for their chosen text.
import type { Page } from 'playwright-core';

/**
 * Everything on screen that is cut off: an element reaching past a box that hides its overflow (or past the
 * window) with no scrollable box between to reach it by; a status chip on more than one line; a select whose
 * chosen text does not fit. Text shortened on purpose with an ellipsis (and a title to read it) is allowed.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      const tid = el.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
      return `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}「${text}」(${tid})`;
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const scrolls = (s: CSSStyleDeclaration, axis: 'x' | 'y') => ['auto', 'scroll'].includes(axis === 'x' ? s.overflowX : s.overflowY);
    const clips = (s: CSSStyleDeclaration, axis: 'x' | 'y') => ['hidden', 'clip'].includes(axis === 'x' ? s.overflowX : s.overflowY);
    // Leaves that show something: text, controls, images.
    const leaves = [...document.querySelectorAll('body *')].filter(
      (el) => visible(el) && (el.matches('button, select, input, textarea, img, svg, .chip, .status-chip, .verdict') || [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim())),
    );
    for (const el of leaves) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      const r = el.getBoundingClientRect();
      for (const axis of ['x', 'y'] as const) {
        let clipped: string | null = null;
        for (let a = el.parentElement; a; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (scrolls(s, axis)) break; // reachable by scrolling this box
          if (s.textOverflow === 'ellipsis' && axis === 'x') break; // shortened on purpose
          if (clips(s, axis)) {
            const b = a.getBoundingClientRect();
            const out = axis === 'x' ? r.left < b.left - 1 || r.right > b.right + 1 : r.top < b.top - 1 || r.bottom > b.bottom + 1;
            if (out) clipped = `cut off (${axis}) by ${describe(a)}`;
            break;
          }
          if (a === document.body) {
            const out = axis === 'x' ? r.right > window.innerWidth + 1 : false;
            if (out) clipped = `past the window (${axis})`;
          }
        }
        if (clipped) problems.push(`${describe(el)} ${clipped}`);
      }
    }
    // Status chips and verdicts stay on one line.
    for (const el of document.querySelectorAll('.status-chip, .verdict, .chip')) {
      if (!visible(el)) continue;
      const lh = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.5;
      if (el.getBoundingClientRect().height > lh * 1.6 + 4) problems.push(`${describe(el)} wraps onto ${Math.round(el.getBoundingClientRect().height / lh)} lines`);
    }
    // No text broken one character per line in a column too narrow for it (table cells, labels, chips).
    for (const el of document.querySelectorAll('td, th, td > *, th > *, label, .chip, .verdict, .status-chip')) {
      if (!visible(el) || el.closest('svg')) continue;
      const s = getComputedStyle(el);
      const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent!.trim()).join('');
      const size = parseFloat(s.fontSize);
      const range = document.createRange();
      range.selectNodeContents(el);
      // The text's line boxes, by their top: one character per line is three or more lines none wider than two characters.
      const widths = new Map<number, number>();
      for (const q of range.getClientRects()) if (q.width > 0) widths.set(Math.round(q.top), (widths.get(Math.round(q.top)) ?? 0) + q.width);
      if (text.length >= 3 && widths.size >= 3 && Math.max(...widths.values()) < size * 2.2) problems.push(`${describe(el)} breaks one character per line`);
    }
    // A select shows its chosen text whole.
    const ctx = document.createElement('canvas').getContext('2d')!;
    for (const el of document.querySelectorAll('select')) {
      if (!visible(el)) continue;
      const s = getComputedStyle(el);
      ctx.font = `${s.fontSize} ${s.fontFamily}`;
      const text = el.selectedOptions[0]?.text ?? '';
      const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 20; // the arrow
      if (ctx.measureText(text).width > room + 1) problems.push(`select「${text}」(${el.getAttribute('data-testid') ?? ''}) is too narrow for its text`);
    }
    // The page itself never scrolls sideways.
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    return [...new Set(problems)];
  });
}
