/** What every wire shares: the error shape it carries. */
import { z } from 'zod';
import { ERROR_CODES } from '../shared/app-error.js';

export const wireErrorSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().max(1000),
});
