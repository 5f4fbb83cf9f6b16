// Demo rating channels with development keys (README "Rating channels"). Demo data never loads in
// production; real devices and partner systems get their own random keys, of which only hashes are kept.
import { keyHash } from '../channel-keys.ts';

/** Development key of the demo window device `xa-hall-w01-device` (市场主体登记 1 号窗口). */
export const DEMO_DEVICE_KEY = 'hcp-dev-device-key-xa-hall-w01';
/** Development key of the demo partner system `xa-online-hall-partner` (西安市网上办事大厅). */
export const DEMO_PARTNER_KEY = 'hcp-dev-partner-key-xa-online-hall';

export const RATING_DEVICES = [
  { id: 'xa-hall-w01-device', institution_id: 'xa-hall-w01', key_hash: keyHash(DEMO_DEVICE_KEY) },
];

export const PARTNER_SYSTEMS = [
  {
    id: 'xa-online-hall-partner',
    name: '西安市网上办事大厅（接入）',
    platform_id: 'xa-online-hall',
    key_hash: keyHash(DEMO_PARTNER_KEY),
  },
];
