// The columns the pool table sorts by (pool.list and the saved views name them).
export const POOL_SORT_COLUMNS = [
  'name',
  'town',
  'chain',
  'main_product',
  'titles',
  'revenue',
  'main_share',
  'share_domestic',
  'rank_national',
  'rank_global',
  'verdict',
] as const;
