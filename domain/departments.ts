// The departments of the 46 measures (shared/seed/MEASURES.md). GXJ runs the platform,
// the proxy team and supervision (督办).
export const DEPARTMENTS = [
  { code: 'GXJ', nameZh: '市工信局', nameEn: 'Bureau of Industry and Information Technology' },
  { code: 'CZJ', nameZh: '市财政局', nameEn: 'Finance Bureau' },
  { code: 'SCJ', nameZh: '市市场局', nameEn: 'Market Supervision Bureau' },
  { code: 'KJJ', nameZh: '市科技局', nameEn: 'Science and Technology Bureau' },
  { code: 'RSJ', nameZh: '市人社局', nameEn: 'Human Resources and Social Security Bureau' },
  { code: 'JYJ', nameZh: '市教育局', nameEn: 'Education Bureau' },
  { code: 'JRJ', nameZh: '市金融监管局', nameEn: 'Financial Regulation Bureau' },
  { code: 'RMYH', nameZh: '人民银行', nameEn: "People's Bank of China, Liaoyuan branch" },
  { code: 'ZRZYJ', nameZh: '市自然资源局', nameEn: 'Natural Resources Bureau' },
  { code: 'NYJ', nameZh: '市能源局', nameEn: 'Energy Bureau' },
  { code: 'ZJJ', nameZh: '市住建局', nameEn: 'Housing and Urban-Rural Development Bureau' },
  { code: 'FGW', nameZh: '市发改委', nameEn: 'Development and Reform Commission' },
  { code: 'SLJ', nameZh: '市水利局', nameEn: 'Water Resources Bureau' },
  { code: 'GXQ', nameZh: '高新区', nameEn: 'High-tech Zone administration' },
  { code: 'JFJT', nameZh: '交发集团', nameEn: 'Transport Development Group' },
  { code: 'SFJ', nameZh: '市司法局', nameEn: 'Justice Bureau' },
  { code: 'SWJ', nameZh: '市税务局', nameEn: 'Taxation Bureau' },
  { code: 'FY', nameZh: '市法院', nameEn: 'Intermediate People\'s Court' },
] as const;

export type DepartmentCode = (typeof DEPARTMENTS)[number]['code'];

export const DEPARTMENT_CODES = DEPARTMENTS.map((d) => d.code) as [DepartmentCode, ...DepartmentCode[]];

/** GXJ's supervision office receives level-2 escalations and employs the supervisors. */
export const SUPERVISING_DEPARTMENT: DepartmentCode = 'GXJ';

/** GXJ runs the 诉求 appeal platform: its reviewers and heads accept and dispatch every appeal. */
export const PLATFORM_DEPARTMENT: DepartmentCode = 'GXJ';
