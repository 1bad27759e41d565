// GET /openapi.json: the API's OpenAPI document, generated once per process.
import { Router } from 'express';
import type { HubConfig } from '../../common/config';
import { buildOpenApiDocument, type OpenApiDocument } from '../openapi';

export function openApiRouter(config: HubConfig): Router {
  const router = Router();
  let document: OpenApiDocument | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument({ serverUrl: config.hub.publicBaseUrl });
    res.set('Cache-Control', 'public, max-age=300').json(document);
  });
  return router;
}
