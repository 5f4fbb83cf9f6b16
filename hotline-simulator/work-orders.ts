// The simulator's memory: work orders by number, one per external reference (our case id), numbered
// per day in Beijing time like 12345-20261126-0001. Kept across a simulated outage, lost on exit.
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
}

export type WorkOrderFields = Omit<
  WorkOrder,
  'number' | 'createdAt' | 'status' | 'returnVisit' | 'lastDelivery'
>;

export function createWorkOrderBook(clock: () => Date = () => new Date()) {
  const byNumber = new Map<string, WorkOrder>();
  const numberByReference = new Map<string, string>();
  const lastSequenceByDay = new Map<string, number>();

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
      return { order, created: true };
    },
    find: (number: string): WorkOrder | undefined => byNumber.get(number),
    /** Copies, newest first: callers cannot change the book by accident. */
    list: (): WorkOrder[] => [...byNumber.values()].reverse().map((order) => structuredClone(order)),
  };
}

export type WorkOrderBook = ReturnType<typeof createWorkOrderBook>;
