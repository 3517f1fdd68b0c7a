/** Output: aligned tables like sensuctl's for people, JSON or YAML of the same data for scripts. */
import YAML from 'yaml';

export const FORMATS = ['table', 'json', 'yaml'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(value: unknown): value is Format {
  return (FORMATS as readonly unknown[]).includes(value);
}

export function table<T>(rows: T[], columns: [header: string, value: (row: T) => unknown][]): string {
  const cells = rows.map((row) => columns.map(([, value]) => text(value(row))));
  const widths = columns.map(([header], i) => Math.max(header.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns.map(([h]) => h)), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function details(pairs: [label: string, value: unknown][]): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${text(value)}`).join('\n') + '\n';
}

/** The data as the machine formats print it; `table` is the people's rendering of the same data. */
export function render<T>(format: Format, data: T, people: (data: T) => string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
    case 'yaml':
      return YAML.stringify(data);
    case 'table':
      return people(data);
  }
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (Array.isArray(value)) return value.length ? value.join(',') : '-';
  return String(value);
}

/** What the CLI prints for a principal or account beyond the active account (the API answers null for it). */
export const OUTSIDE_ACCOUNT = '(outside this account)';

/** `name (id)`, or OUTSIDE_ACCOUNT when the API hides the reference. */
export function namedRef(ref: { id: string; name: string } | null | undefined): string {
  return ref ? `${ref.name} (${ref.id})` : OUTSIDE_ACCOUNT;
}
