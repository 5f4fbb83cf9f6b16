import { z } from 'zod';
import { actingUserHeader } from '../acting-user.ts';

export const caseParams = z.object({ id: z.uuid() });

export const attachmentParams = z.object({ id: z.uuid() });

/** Who acts: recorded with what they did. */
export const uploadedByHeader = actingUserHeader;
