// Masks personal data before it leaves the API: HR sees enough to recognise a candidate
// (张*, +86138****8000), never the full name or number.

/** The first character, then one `*` per remaining character: 张三 → 张*. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** +8613800138000 → +86138****8000; other numbers keep only their last four digits. */
export function maskPhone(phone: string): string {
  const mainland = /^\+86(\d{3})\d{4}(\d{4})$/.exec(phone);
  if (mainland) return `+86${mainland[1]}****${mainland[2]}`;
  const digits = phone.replace(/\D/g, '');
  return digits.length > 4 ? `****${digits.slice(-4)}` : '****';
}

/** A notification recipient: a phone number, an e-mail address, or a chat user ID. */
export function maskRecipient(recipient: string): string {
  if (/^\+?\d[\d -]{5,}$/.test(recipient)) return maskPhone(recipient);
  const at = recipient.indexOf('@');
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  return maskName(recipient);
}
