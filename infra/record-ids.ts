// Ids of the rows a file import appends (ratings, import runs): time-ordered UUIDs, version 7 of RFC 9562. A
// random (version 4) id lands anywhere in its table's primary-key index, so every insert reads and dirties
// some leaf page of the whole index; ids that grow with time land in one place, as a sequence does. In the
// bulk-import benchmark the ledger's COPY took a quarter less time, and the tables keyed by a rating's id
// (dimensions, identifiers) and the reference checks into it gained as much (docs/benchmarks.md).
//
// Never an id that anyone is given as a key: such an id tells when it was made, and its neighbours share all
// but 62 random bits (RFC 9562, section 8). A rating over HTTP keeps a random id: it is its rater's key to
// the answers of a 差评 (server/main.ts).
import { randomUUID } from 'node:crypto';

/** rand_a: 12 bits, used as a counter within one millisecond (RFC 9562, 6.2 method 1). */
const COUNTER_LIMIT = 0x1000;
/** The counter starts below this in each new millisecond, leaving room to count on. */
const COUNTER_START_LIMIT = 0x800;

/**
 * A source of version 7 UUIDs that increase strictly within this process: the same millisecond goes on
 * counting from a random start, and should the counter run out, the time is taken one millisecond further.
 * The last 62 random bits and the variant come from randomUUID (its cached entropy).
 */
export function createRecordIdSource(now: () => number = Date.now): () => string {
  let lastMillis = -1;
  let timePrefix = '';
  let counter = 0;
  const startMillisecond = (millis: number) => {
    lastMillis = millis;
    const time = millis.toString(16).padStart(12, '0');
    timePrefix = `${time.slice(0, 8)}-${time.slice(8)}-7`;
  };
  return () => {
    const random = randomUUID();
    const millis = now();
    if (millis > lastMillis) {
      startMillisecond(millis);
      counter = Number.parseInt(random.slice(0, 3), 16) % COUNTER_START_LIMIT;
    } else {
      counter += 1;
      if (counter === COUNTER_LIMIT) {
        startMillisecond(lastMillis + 1);
        counter = 0;
      }
    }
    // random.slice(18): "-", the variant digit and 15 hex digits of a version 4 UUID (62 random bits).
    return `${timePrefix}${counter.toString(16).padStart(3, '0')}${random.slice(18)}`;
  };
}

/** The process's one source: ids made anywhere in it are ordered. */
export const newRecordId: () => string = createRecordIdSource();
