// The simulator's memory: work orders by number, one per external reference (our case id), numbered
// per day in Beijing time like 12345-20261126-0001. Kept across a simulated outage; with a state file
// (`npm start`: .data/hotline-simulator.json) kept across restarts too, as a real hotline keeps its orders:
// otherwise a restart on the same day would hand out numbers that cases already hold, and orders awaiting
// their return visit would be gone from the operator's page.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';

export interface ReturnVisit {
  result: string;
  note: string;
  recordedAt: string;
  /** What our webhook answered, for the operator's page. */
  delivery: string;
}

export interface WorkOrder {
  number: string;
  externalReference: string;
  category: string;
  title: string;
  description: string;
  responsibleDepartment: string;
  raterRealName: string | null;
  raterPhone: string | null;
  createdAt: string;
  status: string;
  returnVisit: ReturnVisit | null;
  /** What our webhook answered to the last event about this order, for the operator's page. */
  lastDelivery: string | null;
  /** Set when we withdrew the order (its case ended early): no return visit is to be made. */
  withdrawal?: { reason: string; at: string };
}

export type WorkOrderFields = Omit<
  WorkOrder,
  'number' | 'createdAt' | 'status' | 'returnVisit' | 'lastDelivery'
>;

export interface WorkOrderBookOptions {
  clock?: () => Date;
  /** Where the orders are kept between runs; none: in memory only (tests). */
  stateFile?: string | undefined;
}

interface SavedBook {
  orders: WorkOrder[];
  lastSequenceByDay: Record<string, number>;
}

function readSavedBook(stateFile: string | undefined): SavedBook {
  if (!stateFile) return { orders: [], lastSequenceByDay: {} };
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8')) as SavedBook;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { orders: [], lastSequenceByDay: {} };
    throw new Error(`the hotline simulator's state file ${stateFile} cannot be read`, { cause: error });
  }
}

export function createWorkOrderBook(options: WorkOrderBookOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const saved = readSavedBook(options.stateFile);
  const byNumber = new Map<string, WorkOrder>(saved.orders.map((order) => [order.number, order]));
  const numberByReference = new Map<string, string>(
    saved.orders.map((order) => [order.externalReference, order.number]),
  );
  const lastSequenceByDay = new Map<string, number>(Object.entries(saved.lastSequenceByDay));

  /** Written whole to a temporary file, then renamed: a crash leaves the old state or the new one. */
  function save(): void {
    const { stateFile } = options;
    if (!stateFile) return;
    const book: SavedBook = {
      orders: [...byNumber.values()],
      lastSequenceByDay: Object.fromEntries(lastSequenceByDay),
    };
    mkdirSync(path.dirname(stateFile), { recursive: true });
    writeFileSync(`${stateFile}.tmp`, JSON.stringify(book));
    renameSync(`${stateFile}.tmp`, stateFile);
  }

  function nextNumber(now: Date): string {
    const day = DateTime.fromJSDate(now, { zone: 'Asia/Shanghai' }).toFormat('yyyyMMdd');
    const sequence = (lastSequenceByDay.get(day) ?? 0) + 1;
    lastSequenceByDay.set(day, sequence);
    return `12345-${day}-${String(sequence).padStart(4, '0')}`;
  }

  return {
    /** The order for this reference: the existing one (created false) or a new one. */
    open(fields: WorkOrderFields): { order: WorkOrder; created: boolean } {
      const existing = numberByReference.get(fields.externalReference);
      if (existing) return { order: byNumber.get(existing)!, created: false };
      const now = clock();
      const order: WorkOrder = {
        ...fields,
        number: nextNumber(now),
        createdAt: now.toISOString(),
        status: 'accepted',
        returnVisit: null,
        lastDelivery: null,
      };
      byNumber.set(order.number, order);
      numberByReference.set(order.externalReference, order.number);
      save();
      return { order, created: true };
    },
    find: (number: string): WorkOrder | undefined => byNumber.get(number),
    /** The order kept for one of our cases (its external reference), if 12345 took one. */
    findByReference(reference: string): WorkOrder | undefined {
      const number = numberByReference.get(reference);
      return number === undefined ? undefined : byNumber.get(number);
    },
    /** Changes an order (its status, return visit, last delivery) and keeps the change. */
    update(number: string, change: (order: WorkOrder) => void): void {
      const order = byNumber.get(number);
      if (!order) return;
      change(order);
      save();
    },
    /** Copies, newest first: callers cannot change the book by accident. */
    list: (): WorkOrder[] => [...byNumber.values()].reverse().map((order) => structuredClone(order)),
  };
}

export type WorkOrderBook = ReturnType<typeof createWorkOrderBook>;
