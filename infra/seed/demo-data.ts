// Demo data: a Xi'an-like organisation so a first start shows something real. Codes are made up in
// the shape of real ones; names follow Xi'an's municipal and district bodies.

export const REGIONS = [
  { code: '610100', name: '西安市', parent_code: null },
  { code: '610103', name: '碑林区', parent_code: '610100' },
  { code: '610113', name: '雁塔区', parent_code: '610100' },
];

const city = (id: string, name: string, kind = 'bureau') => ({
  id,
  name,
  kind,
  region_code: '610100',
  approval_department_id: 'xa-approval',
});

export const DEPARTMENTS = [
  {
    id: 'xa-approval',
    name: '西安市行政审批服务局',
    kind: 'approval',
    region_code: '610100',
    approval_department_id: null,
  },
  city('xa-market', '西安市市场监督管理局'),
  city('xa-hrss', '西安市人力资源和社会保障局'),
  city('xa-housing', '西安市住房和城乡建设局'),
  city('xa-police', '西安市公安局'),
  city('xa-bigdata', '西安市数据局', 'data-bureau'),
  { ...city('xa-tax', '国家税务总局西安市税务局'), accepts_cases: false },
  city('xa-12345', '西安市12345市民热线服务中心', 'hotline'),
  city('xa-supervision', '西安市政务服务效能监督科', 'supervision'),
  {
    id: 'bl-approval',
    name: '碑林区行政审批服务局',
    kind: 'approval',
    region_code: '610103',
    approval_department_id: null,
  },
  {
    id: 'bl-market',
    name: '碑林区市场监督管理局',
    kind: 'bureau',
    region_code: '610103',
    approval_department_id: 'bl-approval',
  },
  {
    id: 'yt-approval',
    name: '雁塔区行政审批服务局',
    kind: 'approval',
    region_code: '610113',
    approval_department_id: null,
  },
  {
    id: 'yt-hrss',
    name: '雁塔区人力资源和社会保障局',
    kind: 'bureau',
    region_code: '610113',
    approval_department_id: 'yt-approval',
  },
];

export const INSTITUTIONS = [
  {
    id: 'xa-hall',
    name: '西安市政务服务中心',
    kind: 'hall',
    parent_id: null,
    department_id: 'xa-approval',
    region_code: '610100',
  },
  {
    id: 'xa-hall-w01',
    name: '市场主体登记 1 号窗口',
    kind: 'window',
    parent_id: 'xa-hall',
    department_id: 'xa-market',
    region_code: '610100',
  },
  {
    id: 'xa-hall-w02',
    name: '社保业务 2 号窗口',
    kind: 'window',
    parent_id: 'xa-hall',
    department_id: 'xa-hrss',
    region_code: '610100',
  },
  {
    id: 'xa-hall-w03',
    name: '不动产与住建 3 号窗口',
    kind: 'window',
    parent_id: 'xa-hall',
    department_id: 'xa-housing',
    region_code: '610100',
  },
  {
    id: 'bl-center',
    name: '碑林区政务服务中心',
    kind: 'center',
    parent_id: null,
    department_id: 'bl-approval',
    region_code: '610103',
  },
  {
    id: 'bl-center-w01',
    name: '碑林区综合受理 1 号窗口',
    kind: 'window',
    parent_id: 'bl-center',
    department_id: 'bl-market',
    region_code: '610103',
  },
  {
    id: 'bl-center-w02',
    name: '碑林区综合受理 2 号窗口',
    kind: 'window',
    parent_id: 'bl-center',
    department_id: 'bl-market',
    region_code: '610103',
  },
  {
    id: 'yt-center',
    name: '雁塔区政务服务中心',
    kind: 'center',
    parent_id: null,
    department_id: 'yt-approval',
    region_code: '610113',
  },
  {
    id: 'yt-center-w01',
    name: '雁塔区社保 1 号窗口',
    kind: 'window',
    parent_id: 'yt-center',
    department_id: 'yt-hrss',
    region_code: '610113',
  },
];

export const SERVICE_ITEMS = [
  { code: 'XA-SC-0001', name: '企业设立登记', department_id: 'xa-market' },
  { code: 'XA-SC-0002', name: '食品经营许可', department_id: 'xa-market' },
  { code: 'XA-RS-0001', name: '城镇职工基本养老保险关系转移接续', department_id: 'xa-hrss' },
  { code: 'XA-RS-0002', name: '失业保险金申领', department_id: 'xa-hrss' },
  { code: 'XA-ZJ-0001', name: '建筑工程施工许可证核发', department_id: 'xa-housing' },
  { code: 'XA-ZJ-0002', name: '商品房预售许可', department_id: 'xa-housing' },
  { code: 'XA-GA-0001', name: '居民身份证换领', department_id: 'xa-police' },
  { code: 'XA-GA-0002', name: '户口迁移', department_id: 'xa-police' },
  { code: 'XA-SW-0001', name: '发票领用', department_id: 'xa-tax' },
  { code: 'BL-SC-0001', name: '个体工商户登记', department_id: 'bl-market' },
  { code: 'YT-RS-0001', name: '灵活就业人员社保登记', department_id: 'yt-hrss' },
];

export const PLATFORMS = [
  {
    id: 'xa-online-hall',
    name: '西安市网上办事大厅',
    kind: 'online-hall',
    builder_department_id: 'xa-bigdata',
  },
  { id: 'xa-hotline', name: '12345 市民热线', kind: 'hotline', builder_department_id: 'xa-12345' },
  { id: 'xa-mobile', name: 'i西安 移动端', kind: 'mobile', builder_department_id: 'xa-bigdata' },
  { id: 'xa-terminal', name: '政务服务自助终端', kind: 'terminal', builder_department_id: 'xa-approval' },
];

// Work contacts for reminders and escalations, made up: .example is a reserved domain, the numbers are
// not assigned to anyone we know of.
const user = (id: string, name: string, role: string, departmentId: string, unit: string, phone: string) => ({
  id,
  name,
  role,
  department_id: departmentId,
  email: `${id}@${unit}.xa.gov.example`,
  phone,
});

export const USERS = [
  user('wang.fang', '王芳', 'unit-staff', 'xa-market', 'market', '13991000101'),
  user('li.qiang', '李强', 'unit-leader', 'xa-market', 'market', '13991000102'),
  user('zhao.min', '赵敏', 'approval-reviewer', 'xa-approval', 'approval', '13991000201'),
  user('chen.jing', '陈静', 'approval-coordinator', 'xa-approval', 'approval', '13991000202'),
  user('liu.yang', '刘洋', 'hotline-operator', 'xa-12345', '12345', '13991000301'),
  user('sun.li', '孙丽', 'supervisor', 'xa-supervision', 'supervision', '13991000401'),
  user('zhou.jie', '周杰', 'process-owner', 'xa-approval', 'approval', '13991000203'),
  user('admin', '系统管理员', 'admin', 'xa-approval', 'approval', '13991000200'),
  user('zhang.wei', '张伟', 'unit-staff', 'xa-hrss', 'hrss', '13991000111'),
  user('he.ping', '何平', 'unit-staff', 'xa-housing', 'housing', '13991000121'),
  user('guo.hua', '郭华', 'unit-staff', 'bl-market', 'bl-market', '13991000131'),
  user('wu.lei', '吴磊', 'approval-reviewer', 'bl-approval', 'bl-approval', '13991000141'),
  user('lin.na', '林娜', 'unit-staff', 'xa-bigdata', 'bigdata', '13991000151'),
  user('ma.jun', '马骏', 'unit-staff', 'xa-police', 'police', '13991000161'),
];

/**
 * The demo accounts' password (development and tests only: production never loads demo data). Each user
 * works for their home department; 王芳 also helps out at the housing bureau's desk.
 */
export const DEMO_PASSWORD = 'hcp-demo-2026';
export const EXTRA_USER_DEPARTMENTS = [{ user_id: 'wang.fang', department_id: 'xa-housing' }];
