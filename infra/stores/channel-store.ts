// Who may post ratings through a channel other than the rater's own client: window devices and partner
// systems, by their key hashes (migrations/…_rating_devices_and_partner_systems.ts).
import { keyHash, keyMatches } from '../channel-keys.ts';
import type { Db } from '../db.ts';

export interface RatingDevice {
  id: string;
  institutionId: string;
}

export interface PartnerSystem {
  id: string;
  name: string;
  platformId: string;
  /** The id of its interface's code table (code-tables/<id>.json). */
  codeTable: string;
}

/** The device when it exists and the key is its key; undefined otherwise (unknown and wrong look alike). */
export async function authenticateDevice(
  db: Db,
  deviceId: string,
  key: string | undefined,
): Promise<RatingDevice | undefined> {
  const row = await db('rating_devices')
    .where({ id: deviceId })
    .first<{ id: string; institution_id: string; key_hash: string } | undefined>();
  if (!keyMatches(key, row?.key_hash) || !row) return undefined;
  return { id: row.id, institutionId: row.institution_id };
}

/** The partner system whose key this is; the key's hash names it (unique). */
export async function authenticatePartner(
  db: Db,
  key: string | undefined,
): Promise<PartnerSystem | undefined> {
  if (!key) return undefined;
  const row = await db('partner_systems')
    .where({ key_hash: keyHash(key) })
    .first<
      { id: string; name: string; platform_id: string; key_hash: string; code_table: string } | undefined
    >();
  if (!row || !keyMatches(key, row.key_hash)) return undefined;
  return { id: row.id, name: row.name, platformId: row.platform_id, codeTable: row.code_table };
}

/**
 * Is the 办件 served where the device stands: at its institution or below it (a device of a hall rates the
 * hall's windows)? undefined when the 办件 does not exist (the rating's own checks answer that).
 */
export async function deviceServes(
  db: Db,
  device: RatingDevice,
  serviceRecordId: string,
): Promise<boolean | undefined> {
  const record = await db('service_records')
    .where({ id: serviceRecordId })
    .first<{ institution_id: string | null } | undefined>('institution_id');
  if (!record) return undefined;
  const result = await db.raw<{ rows: { id: string }[] }>(
    `with recursive up as (
       select id, parent_id from institutions where id = ?
       union all
       select i.id, i.parent_id from institutions i join up on i.id = up.parent_id
     )
     select id from up where id = ?`,
    [record.institution_id ?? '', device.institutionId],
  );
  return result.rows.length > 0;
}
