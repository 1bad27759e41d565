// JSON.parse for text a board sent: the error names where the text broke, never what it said
// (V8's own messages quote the input, which may hold a name or phone number).
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const position = /position (\d+)/.exec((err as Error).message)?.[1];
    const where = text.trim() === '' ? 'is empty' : position !== undefined ? `breaks at character ${position}` : 'ends early or has an unexpected token';
    return { ok: false, problem: `not valid JSON: the text ${where}` };
  }
}
