// Ratings ledger rows made up for tests and the benchmark: varied fields, correctly chained, no I/O.
import { chainHash, GENESIS_HASH } from '../../domain/evaluation/ledger.ts';
import type { ChainedLedgerRow } from '../../domain/evaluation/ledger-verify.ts';
import type { LedgerRow } from '../../domain/evaluation/ledger.ts';
import { EVALUATION_LEVELS as LEVELS } from '../../domain/evaluation/levels.ts';
import { storedDimensions } from '../../infra/ledger/text-rows.ts';
const TEXTS = [
  '',
  '办理很快',
  '窗口人员答复不耐烦',
  '材料一次讲清楚了，点赞',
  '等了两个小时，“叫号”系统故障',
];
const START = Date.UTC(2026, 10, 1, 1, 0, 0);

/** A valid UUID per index, so rows are reproducible. */
export function ledgerRowId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

export interface LedgerRowOptions {
  /** Sequence of the index-th row (0-based); default index + 1. */
  sequenceOf?: (index: number) => bigint;
  serviceRecordIdOf?: (index: number) => string;
}

/** `count` rows chained from the genesis hash, generated one at a time. */
export function* chainedLedgerRows(
  count: number,
  options: LedgerRowOptions = {},
): Generator<ChainedLedgerRow> {
  const sequenceOf = options.sequenceOf ?? ((index: number) => BigInt(index + 1));
  const serviceRecordIdOf = options.serviceRecordIdOf ?? ((index: number) => `SR-L-${index}`);
  let previousHash = GENESIS_HASH;
  for (let index = 0; index < count; index += 1) {
    const realName = index % 3 === 0;
    const row: ChainedLedgerRow = {
      id: ledgerRowId(index),
      sequence: sequenceOf(index),
      serviceRecordId: serviceRecordIdOf(index),
      target: index % 7 === 0 ? 'platform' : 'service',
      channel: 'window-device',
      level: LEVELS[index % LEVELS.length]!,
      tags: index % 2 === 0 ? ['态度生硬'] : [],
      text: TEXTS[index % TEXTS.length] as string,
      realName,
      raterNameEncrypted: realName ? `v1:${index.toString(36)}:name` : null,
      raterPhoneEncrypted: realName ? `v1:${index.toString(36)}:phone` : null,
      ratedAt: new Date(START + index * 1000),
      // A quarter rated some of art. 7's four contents.
      dimensions:
        index % 4 === 1 ? { attitude: LEVELS[index % LEVELS.length]!, efficiency: 'satisfied' } : null,
      previousHash,
      hash: '',
    };
    row.hash = chainHash(previousHash, row);
    previousHash = row.hash;
    yield row;
  }
}

/** A stored evaluations row (as knex returns it) in the form the chain hashes. */
export function toLedgerRow(row: Record<string, any>): LedgerRow {
  return {
    id: row.id,
    serviceRecordId: row.service_record_id,
    target: row.target,
    channel: row.channel,
    level: row.level,
    tags: row.tags,
    text: row.text,
    realName: row.real_name,
    raterNameEncrypted: row.rater_name_encrypted,
    raterPhoneEncrypted: row.rater_phone_encrypted,
    ratedAt: new Date(row.rated_at),
    dimensions: storedDimensions(row.attitude, row.quality, row.efficiency, row.environment),
  };
}
