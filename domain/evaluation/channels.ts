// Where a rating comes from (art. 12–15). Province-specific channel codes map onto these at the edges.
export const EVALUATION_CHANNELS = [
  'window-device', // 窗口评价器
  'qr-code', // 二维码 (窗口或办件回执)
  'paper-form', // 书面评价表
  'online-hall', // 网上办事大厅
  'mobile', // 移动端
  'self-service-terminal', // 自助终端
  'sms', // 短信: a reply through the gateway, or the reminder SMS's link (its own 评价码)
  'hotline', // 12345 热线
] as const;

export type EvaluationChannel = (typeof EVALUATION_CHANNELS)[number];

/**
 * The channels of a rating given at the hall (现场评价); every other is 网上评价. The same split as the view
 * counted_ratings' `kind` (migrations/20261130100000), which test/db/statistics.test.ts holds them to.
 */
export const ON_SITE_CHANNELS: readonly EvaluationChannel[] = ['window-device', 'qr-code', 'paper-form'];

export const CHANNEL_LABELS: Record<EvaluationChannel, string> = {
  'window-device': '窗口评价器',
  'qr-code': '二维码',
  'paper-form': '书面评价表',
  'online-hall': '网上办事大厅',
  mobile: '移动端',
  'self-service-terminal': '自助终端',
  sms: '短信',
  hotline: '12345热线',
};

/**
 * The channels a rating may claim on the open rating API (POST /api/evaluations), which anyone can call: only
 * what the QR page sends. Every other channel has its own endpoint that proves where a rating came from (a
 * device key, a partner key, the SMS gateway's token, an import by named staff), and a claim of it here could
 * not be checked (art. 12–15, art. 23).
 */
export const OPEN_API_CHANNELS: readonly EvaluationChannel[] = ['qr-code'];

export const CHANNEL_ENDPOINTS: Record<EvaluationChannel, string> = {
  'window-device': 'POST /api/devices/:deviceId/ratings',
  'qr-code': 'POST /api/evaluations',
  'paper-form': 'hcp import paper-forms',
  'online-hall': 'POST /api/partners/ratings',
  mobile: 'POST /api/partners/ratings',
  'self-service-terminal': 'POST /api/partners/ratings',
  sms: 'POST /api/sms/inbound',
  // 12345 takes 综合点评 (art. 14), imported without a 办件.
  hotline: 'hcp import public-comments',
};

export const SERVICE_CHANNELS = ['window', 'online', 'mobile', 'self-service-terminal', 'hotline'] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];
