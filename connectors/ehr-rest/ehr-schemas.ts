// The EHR's answers, as sandbox/ehr/EHR-API.md describes them (sections "Workers", "Validation"
// and "Authentication"): parsed before the connector trusts them.
import { z } from 'zod';

/** EHR-API.md § Workers: a worker record; custom fields pass through. */
export const EhrWorkerSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  externalId: z.string(),
});
export type EhrWorker = z.infer<typeof EhrWorkerSchema>;

/** EHR-API.md § Workers: `GET /v1/workers?externalId=` */
export const EhrWorkerListSchema = z.object({ items: z.array(EhrWorkerSchema) });

/** EHR-API.md § Validation (and the 409/422 error bodies of § Workers). */
export const EhrErrorSchema = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type EhrErrorBody = z.infer<typeof EhrErrorSchema>;

/** EHR-API.md § Authentication, `oauth2`: the token endpoint's answer (RFC 6749 §5.1). */
export const OAuthTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i, 'token_type must be Bearer'),
  expires_in: z.number().int().positive().optional(),
});
