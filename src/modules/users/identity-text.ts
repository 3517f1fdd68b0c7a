/**
 * Text that identifies someone (DESIGN.md "Authorization model", rule 7):
 * emails compared after Unicode NFKC normalisation and case folding, so
 * `ＡＤＭＩＮ@example.com` is `admin@example.com`; email labels that mix
 * scripts (a Cyrillic `а` among Latin letters) refused; and names that
 * refuse control and bidirectional-formatting characters, which make one
 * name display as another.
 */
import { isEmail, registerDecorator, type ValidationOptions } from 'class-validator';

/** The form an email is stored and compared in: NFKC, then full case folding (upper then lower folds `ß` to `ss`). */
export function normalizedEmail(email: string): string {
  return email.trim().normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

/** The address as stored for display: NFKC, case kept. */
export function displayEmail(email: string): string {
  return email.trim().normalize('NFKC');
}

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;
/** Scripts written together with Latin in one word, none with Latin look-alikes (UTS #39 "highly restrictive"). */
const WITH_LATIN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** True when one label (local part, or a domain label) mixes Latin letters with letters of a look-alike script (Cyrillic, Greek…). */
function mixesScripts(label: string): boolean {
  const letters = [...label].filter((c) => LETTER.test(c));
  return letters.some((c) => LATIN.test(c)) && letters.some((c) => !LATIN.test(c) && !WITH_LATIN.test(c));
}

/** True when an email could pass for another: a hidden character, or a part that mixes scripts. */
function isLookAlike(email: string): boolean {
  const normalized = normalizedEmail(email);
  return UNSAFE_CHARACTER.test(normalized) || normalized.split(/[@.]/).some(mixesScripts);
}

/**
 * C0 and C1 controls (newlines included), and the bidirectional formatting
 * characters: marks, embeddings, overrides and isolates (U+061C, U+200E–F,
 * U+202A–E, U+2066–9). Zero-width joiners and spaces too (U+200B–D, U+FEFF).
 */
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** class-validator: a display name with no control or bidirectional-formatting character. */
export function IsDisplayText(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDisplayText',
      target: object.constructor,
      propertyName,
      options: { message: 'must not contain control or bidirectional-formatting characters', ...options },
      validator: { validate: (value: unknown) => value === null || value === undefined || (typeof value === 'string' && !UNSAFE_CHARACTER.test(value)) },
    });
}

/** class-validator: an email address once NFKC-normalised (so full-width forms pass), and no look-alike of another. */
export function IsIdentityEmail(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIdentityEmail',
      target: object.constructor,
      propertyName,
      options: { message: 'must be an email address, with no control or bidirectional characters and no part mixing scripts', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && isEmail(displayEmail(value), { require_tld: false }) && !isLookAlike(value),
      },
    });
}
