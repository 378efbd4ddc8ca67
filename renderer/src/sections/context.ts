/** What every section knows of the app's current choices (set in the top bar). */
export interface SectionContext {
  poolYear: number;
  poolName: string;
  /** The data year chosen in the top bar (applications in year N use data of N−1). */
  dataYear: number | null;
  /** The criteria set chosen in the top bar. */
  setId: string;
  /** Bumped whenever data changes; reload what you show. */
  refresh: number;
  /** Call after a write, so other sections reload. */
  onChanged: () => void;
  /** Sets the top bar's criteria set and data year (a saved view restores them). */
  choose?: (choice: { setId?: string; dataYear?: number }) => void;
}
