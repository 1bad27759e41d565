// Request body parsing with the API's one size limit. JSON for the API and the candidate pages; raw
// bytes for board webhooks, whose signatures are computed over the body exactly as it was sent.
import express, { type RequestHandler } from 'express';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export function jsonBody(): RequestHandler {
  return express.json({ limit: BODY_LIMIT_BYTES, strict: true });
}

export function rawBody(): RequestHandler {
  return express.raw({ limit: BODY_LIMIT_BYTES, type: () => true });
}
