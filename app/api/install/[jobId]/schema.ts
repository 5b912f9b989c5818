import { z } from 'zod';

export const jobIdSchema = z.uuid({ message: 'Use the job id the install request returned.' });
/** Last-Event-ID: the last event the browser saw (0 = from the start). */
export const lastEventIdSchema = z.coerce.number().int().min(0).max(1_000_000).catch(0);
