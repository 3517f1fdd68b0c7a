/** Output: aligned tables like sensuctl's, or JSON for scripts. */
export type Format = 'table' | 'json';

export function table(rows: Record<string, unknown>[], columns: [header: string, value: (row: any) => unknown][]): string {
  const cells = rows.map((row) => columns.map(([, value]) => text(value(row))));
  const widths = columns.map(([header], i) => Math.max(header.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  return [line(columns.map(([h]) => h)), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function details(pairs: [label: string, value: unknown][]): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${text(value)}`).join('\n') + '\n';
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (Array.isArray(value)) return value.length ? value.join(',') : '-';
  return String(value);
}
