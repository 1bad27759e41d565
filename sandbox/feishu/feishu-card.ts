// Reading the message cards the hub sends (message-card JSON 1.0, and 2.0's body.elements): the
// buttons in order with their values, the texts for the page, and whether the card is shared
// (config.update_multi), which Feishu requires before and after an update.

export interface FeishuButton {
  index: number;
  text: string;
  type: string;
  value: unknown;
}

export interface CardView {
  title: string;
  template: string;
  texts: string[];
  buttons: FeishuButton[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseCard(content: string): Json {
  const card: unknown = JSON.parse(content);
  if (!isObject(card)) throw new Error('card content is not a JSON object');
  return card;
}

export const isSharedCard = (card: Json): boolean => isObject(card.config) && card.config.update_multi === true;

const textOf = (t: unknown): string => (isObject(t) && typeof t.content === 'string' ? t.content : '');

export function viewCard(card: Json): CardView {
  const header = isObject(card.header) ? card.header : {};
  const view: CardView = { title: textOf(header.title), template: typeof header.template === 'string' ? header.template : 'default', texts: [], buttons: [] };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (!isObject(node)) return;
    if (node.tag === 'button') {
      view.buttons.push({ index: view.buttons.length, text: textOf(node.text), type: typeof node.type === 'string' ? node.type : 'default', value: node.value });
      return;
    }
    if ((node.tag === 'plain_text' || node.tag === 'lark_md' || node.tag === 'markdown') && typeof node.content === 'string') view.texts.push(node.content);
    for (const [key, child] of Object.entries(node)) if (key !== 'header' && key !== 'config') walk(child);
  };
  walk(isObject(card.body) ? card.body.elements : card.elements);
  return view;
}

/** A button by index ("0", 1) or by its text, or its value's `act` (approve / reject / reinterview). */
export function findButton(view: CardView, button: string | number): FeishuButton | undefined {
  if (typeof button === 'number' || /^\d+$/.test(button)) return view.buttons[Number(button)];
  return view.buttons.find((b) => b.text === button || (isObject(b.value) && b.value.act === button));
}
