/** Luhn check of a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// A run of digits with single spaces or dashes between them; a PAN is 13 to 19 of its digits.
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;
// A run glued to letters, digits, '_' or '-' is part of something else (a UUID, a hex id, a token).
const GLUE = /[A-Za-z0-9_-]/;

/** True when the text holds a free-standing Luhn-valid run of 13-19 digits (spaces, dashes allowed). */
export function containsPan(text: string): boolean {
  if (text.length < 13) return false;
  for (const match of text.matchAll(DIGIT_RUN)) {
    const before = text[match.index - 1] ?? '';
    const after = text[match.index + match[0].length] ?? '';
    if (GLUE.test(before) || GLUE.test(after)) continue;
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
  }
  return false;
}

/**
 * The path of the first value in a parsed JSON body that looks like a card number, or null. Numbers
 * count from 15 digits: 13-digit millisecond timestamps are common and would be refused by chance.
 */
export function findPan(value: unknown, path = '', depth = 0): string | null {
  if (depth > 32) return null;
  if (typeof value === 'string') return containsPan(value) ? path || '(body)' : null;
  if (typeof value === 'number') {
    return Number.isInteger(value) &&
      Math.abs(value) >= 1e14 &&
      containsPan(String(Math.abs(value)))
      ? path || '(body)'
      : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findPan(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const found = findPan(item, path ? `${path}.${key}` : key, depth + 1);
      if (found) return found;
    }
  }
  return null;
}
