// Doumi's opaque list cursors: the position after the last item handed out (updatedAt, then
// applicationId) plus when the cursor was issued, so a cursor older than 7 days answers 40010.

export interface CursorPosition { updatedAtMs: number; applicationId: string }
interface CursorBody { v: 1; k: string; u: number; a: string; i: number }

export function encodeCursor(appKey: string, position: CursorPosition, issuedAtMs: number): string {
  const body: CursorBody = { v: 1, k: appKey, u: position.updatedAtMs, a: position.applicationId, i: issuedAtMs };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The cursor's position and issue time, or undefined when it is not one of ours for this appKey. */
export function decodeCursor(appKey: string, cursor: string): (CursorPosition & { issuedAtMs: number }) | undefined {
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
    if (body.v !== 1 || body.k !== appKey || typeof body.u !== 'number' || typeof body.a !== 'string' || typeof body.i !== 'number') return undefined;
    return { updatedAtMs: body.u, applicationId: body.a, issuedAtMs: body.i };
  } catch {
    return undefined;
  }
}

export function isAfter(item: CursorPosition, position: CursorPosition): boolean {
  return item.updatedAtMs > position.updatedAtMs
    || (item.updatedAtMs === position.updatedAtMs && item.applicationId > position.applicationId);
}
