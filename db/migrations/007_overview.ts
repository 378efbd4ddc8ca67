// 总览 settings: reward table, targets and the application calendar (filled by the overview work).
export const overview = `
SELECT 1;
`;
