// Our side of the 12345 hotline (art. 16): a 差评 becomes a 营商环境类 work order there. Hotline systems
// differ by city: this is the one file to adapt; the contract it speaks is docs/hotline-contract.md.
import { z } from 'zod';
import { signatureHeaders } from './signature.ts';
import { maskMobileNumbers, redactContact } from '../../domain/evaluation/masking.ts';
import { hotlineBaseUrl, type Config } from '../config.ts';

export const HOTLINE_CATEGORY = '营商环境类';

export interface NewWorkOrder {
  /** Our case id, sent as the external reference: the hotline answers the existing order for it. */
  caseId: string;
  category: typeof HOTLINE_CATEGORY;
  title: string;
  description: string;
  /** The unit that answers for the 差评 (art. 17), by name: hotline operators read it. */
  responsibleDepartment: string;
  /** The rater's name for a real-name 差评 (return visit mandatory, art. 18); null when anonymous. */
  raterRealName: string | null;
  raterPhone?: string | undefined;
}

export interface WorkOrderReceipt {
  workOrderNumber: string;
  /** false: the hotline already had an order for this case (a repeated handover). */
  created: boolean;
}

/** The hotline could not take the order now (down, slow, or refusing): the handover retries later. */
export class HotlineError extends Error {
  /** HTTP status of the hotline's answer; undefined when it did not answer at all. */
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'HotlineError';
    this.status = status;
  }
}

const receiptSchema = z.object({ workOrderNumber: z.string().min(1).max(64) });

export interface HotlineClientOptions {
  baseUrl: string;
  secret: string;
  timeoutMs?: number;
}

/** The work order number in 12345's whole answer; without one, a HotlineError saying `problem()`. */
function workOrderNumberIn(text: string, problem: () => string): string {
  try {
    return receiptSchema.parse(JSON.parse(text)).workOrderNumber;
  } catch {
    throw new HotlineError(problem());
  }
}

export function createHotlineClient({ baseUrl, secret, timeoutMs = 10_000 }: HotlineClientOptions) {
  const root = baseUrl.replace(/\/+$/, '');

  /** A signed JSON POST to 12345; a HotlineError when it did not answer (refused, reset, timed out). */
  async function postSigned(path: string, body: string): Promise<Response> {
    try {
      return await fetch(`${root}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signatureHeaders(secret, body) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error: unknown) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new HotlineError(`12345 hotline unreachable at ${root}: ${String(error)}${cause}`);
    }
  }

  /** A signed withdrawal: its answer's text, or undefined for an order 12345 does not know (404). */
  async function withdrawAt(
    path: string,
    { caseId, reason }: { caseId: string; reason: string },
  ): Promise<string | undefined> {
    const response = await postSigned(path, JSON.stringify({ externalReference: caseId, reason }));
    const text = await response.text();
    if (response.status === 404) return undefined;
    if (response.status !== 200) {
      throw new HotlineError(
        `12345 hotline refused the withdrawal: ${response.status} ${maskMobileNumbers(text).slice(0, 300)}`,
        response.status,
      );
    }
    return text;
  }

  return {
    baseUrl: root,

    async createWorkOrder(order: NewWorkOrder): Promise<WorkOrderReceipt> {
      const body = JSON.stringify({
        externalReference: order.caseId,
        category: order.category,
        title: order.title,
        description: order.description,
        responsibleDepartment: order.responsibleDepartment,
        raterRealName: order.raterRealName,
        raterPhone: order.raterPhone ?? null,
      });
      const response = await postSigned('/work-orders', body);
      // Its errors reach the engine (Cockpit) and the logs: the rater's contact, should 12345 echo the
      // request, is masked there.
      const excerpt = (answer: string) =>
        redactContact(answer, { name: order.raterRealName, phone: order.raterPhone }).slice(0, 300);
      const text = await response.text();
      if (response.status !== 200 && response.status !== 201) {
        throw new HotlineError(
          `12345 hotline refused the work order: ${response.status} ${excerpt(text)}`,
          response.status,
        );
      }
      return {
        workOrderNumber: workOrderNumberIn(
          text,
          () => `12345 hotline answered without a work order number: ${excerpt(text)}`,
        ),
        created: response.status === 201,
      };
    },

    /**
     * Withdraws a work order whose case ended early (its 差评 confirmed fraudulent, art. 23): 12345 makes no
     * return visit for it. 200 also for an order already withdrawn; an order 12345 does not know (404) has
     * nothing to withdraw: false.
     */
    async withdrawWorkOrder(withdrawal: {
      workOrderNumber: string;
      caseId: string;
      reason: string;
    }): Promise<boolean> {
      // Any 200 is withdrawn: we know the number already.
      const path = `/work-orders/${encodeURIComponent(withdrawal.workOrderNumber)}/withdrawal`;
      return (await withdrawAt(path, withdrawal)) !== undefined;
    },

    /**
     * The same by the case's reference, for a case whose order number we never learnt (the handover's answer
     * was lost after 12345 took the order): the number withdrawn, or undefined when 12345 holds no order for
     * the case.
     */
    async withdrawWorkOrderOfCase(withdrawal: {
      caseId: string;
      reason: string;
    }): Promise<string | undefined> {
      const path = `/work-orders/by-reference/${encodeURIComponent(withdrawal.caseId)}/withdrawal`;
      const text = await withdrawAt(path, withdrawal);
      return text === undefined
        ? undefined
        : workOrderNumberIn(
            text,
            () =>
              `12345 hotline answered the withdrawal without a work order number: ${maskMobileNumbers(text).slice(0, 300)}`,
          );
    },
  };
}

export type HotlineClient = ReturnType<typeof createHotlineClient>;

/** The hotline this deployment speaks to (HOTLINE_URL, or the simulator in development), with its secret. */
export function configuredHotlineClient(config: Config): HotlineClient {
  return createHotlineClient({ baseUrl: hotlineBaseUrl(config), secret: config.hotlineSecret });
}
