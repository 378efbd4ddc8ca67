import { useEffect, useState } from 'react';

export const SECTIONS = ['overview', 'pool', 'firm', 'benchmark', 'shortlist', 'refresh', 'criteria'] as const;
export type Section = (typeof SECTIONS)[number];
export interface Route {
  section: Section;
  firmId: number | null;
}

export function parseRoute(hash: string): Route {
  const [, section, id] = /^#\/([a-z]+)(?:\/(\d+))?/.exec(hash) ?? [];
  const s = (SECTIONS as readonly string[]).includes(section) ? (section as Section) : 'pool';
  return { section: s, firmId: s === 'firm' && id ? Number(id) : null };
}

export function href(section: Section, firmId?: number): string {
  return firmId != null ? `#/${section}/${firmId}` : `#/${section}`;
}

export function navigate(section: Section, firmId?: number): void {
  window.location.hash = href(section, firmId);
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
