// Spots personal data on what the hub sends to an HR tool (the spec allows no phone or ID number
// on a review card). Returns only what kind was found, never the value, so warnings can be shown.

const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/;
const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/;

export function findPersonalData(text: string): ('mobile number' | 'ID number')[] {
  const found: ('mobile number' | 'ID number')[] = [];
  if (MOBILE.test(text)) found.push('mobile number');
  if (ID_NUMBER.test(text)) found.push('ID number');
  return found;
}
