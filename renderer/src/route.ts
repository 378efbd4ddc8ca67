import { useEffect, useState } from 'react';

export const SECTIONS = ['overview', 'pool', 'firm', 'benchmark', 'shortlist', 'requests', 'finance', 'listing', 'payouts', 'refresh', 'criteria', 'package'] as const;
export type Section = (typeof SECTIONS)[number];
/** The printable report of a shortlist (#/report/<id>): a page of its own, without the app's chrome. */
export type Page = Section | 'report';
export interface Route {
  section: Page;
  firmId: number | null;
  /** The shortlist shown (#/shortlist/<id>) or reported on (#/report/<id>). */
  shortlistId: number | null;
}

export function parseRoute(hash: string): Route {
  const [, section, id] = /^#\/([a-z]+)(?:\/(\d+))?/.exec(hash) ?? [];
  if (section === 'report' && id) return { section: 'report', firmId: null, shortlistId: Number(id) };
  const s = (SECTIONS as readonly string[]).includes(section) ? (section as Section) : 'pool';
  return { section: s, firmId: s === 'firm' && id ? Number(id) : null, shortlistId: s === 'shortlist' && id ? Number(id) : null };
}

export function href(section: Page, id?: number): string {
  return id != null ? `#/${section}/${id}` : `#/${section}`;
}

export function navigate(section: Page, id?: number): void {
  window.location.hash = href(section, id);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
