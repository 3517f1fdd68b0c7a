/** Parsers for option and argument values: a bad value is a usage error (exit 2) naming the option. */
import { InvalidArgumentError } from 'commander';

export function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`${name} must be a whole number above 0`);
    return Number(value);
  };
}

export function wholeNumber(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number`);
    return Number(value);
  };
}

/** An ISO 8601 date, as the API's DateTime. */
export function isoDate(name: string): (value: string) => string {
  return (value) => {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw new InvalidArgumentError(`${name}: "${value}" is not a date (use ISO 8601, e.g. 2027-01-31T00:00:00Z)`);
    return date.toISOString();
  };
}

export function yesNo(name: string): (value: string) => boolean {
  return (value) => {
    if (/^(true|yes|on)$/i.test(value)) return true;
    if (/^(false|no|off)$/i.test(value)) return false;
    throw new InvalidArgumentError(`${name} must be true or false`);
  };
}

/** For repeatable options: `--role a --role b`, or `--role a,b`. */
export function collectList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}
