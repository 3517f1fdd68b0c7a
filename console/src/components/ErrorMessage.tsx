import type { CombinedError } from '@urql/core';
import type { ReactNode } from 'react';
import { explain } from '../errors';

/** An API error in words: what it means, then the server's own message. */
export function ErrorMessage({ error, children }: { error: CombinedError | undefined; children?: ReactNode }) {
  if (!error) return null;
  const { title, detail, code } = explain(error);
  return (
    <div className="error" role="alert" data-code={code}>
      <strong>{title}</strong> <span className="error-detail">{detail}</span>
      {children}
    </div>
  );
}
