/** Dates as one reads them in a table: UTC, to the minute. */
export function formatDate(value: string | null | undefined, empty = '—'): string {
  if (!value) return empty;
  const date = new Date(value);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `ci/deploy/web` → folders `ci/`, `ci/deploy/` and the leaf `web`. */
export function folders(name: string): { folders: { label: string; prefix: string }[]; leaf: string } {
  const parts = name.split('/');
  const leaf = parts.pop() ?? name;
  let prefix = '';
  return {
    folders: parts.map((part) => {
      prefix += `${part}/`;
      return { label: `${part}/`, prefix };
    }),
    leaf,
  };
}
