// Messages of 标准库 (key prefix `criteriaLib.`); English must mirror Chinese.
export const criteriaLibZh = {
  title: '标准库',
};
export const criteriaLibEn: typeof criteriaLibZh = {
  title: 'Criteria library',
};
