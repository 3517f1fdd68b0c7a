/**
 * Lists read whole (a tree, a picker), page after page of 100 through the cursor: the users of a tree must
 * all be there for each to sit under its parent. Read again on `reload()`, and when an ended session is
 * renewed; nothing is read without a session.
 */
import { useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { AnyVariables, CombinedError } from '@urql/core';
import type { TypedDocumentString } from '../../client/generated/graphql';
import { SignInCount, client, doc } from './api';
import { sessionStore } from './session';

const PAGE = 100;
/** At most this many pages (10 000 items) are read; past that the list says it is cut. */
export const MAX_PAGES = 100;

export interface Connection<Node> {
  edges: { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export interface EveryPage<Node> {
  nodes: Node[] | undefined;
  error: CombinedError | undefined;
  fetching: boolean;
  truncated: boolean;
  reload: () => void;
}

export function useEveryPage<Result, Variables extends AnyVariables, Node>(
  document: TypedDocumentString<Result, Variables>,
  connectionOf: (data: Result) => Connection<Node>,
  /** Read nothing (a list the caller does not show). */
  pause = false,
): EveryPage<Node> {
  const signIns = useContext(SignInCount);
  const signedIn = useSyncExternalStore(sessionStore.subscribe, sessionStore.get).kind === 'signedIn';
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<Omit<EveryPage<Node>, 'reload'>>({ nodes: undefined, error: undefined, fetching: true, truncated: false });
  const pick = useRef(connectionOf);
  pick.current = connectionOf;
  useEffect(() => {
    if (!signedIn || pause) return;
    let cancelled = false;
    setState((current) => ({ ...current, fetching: true }));
    void (async () => {
      const nodes: Node[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const variables = { first: PAGE, after } as unknown as Variables;
        const result = await client.query(doc(document), variables, { requestPolicy: 'network-only' }).toPromise();
        if (cancelled) return;
        if (result.error || !result.data) {
          setState((current) => ({ ...current, error: result.error, fetching: false }));
          return;
        }
        const connection = pick.current(result.data);
        nodes.push(...connection.edges.map((edge) => edge.node));
        if (!connection.pageInfo.hasNextPage) {
          setState({ nodes, error: undefined, fetching: false, truncated: false });
          return;
        }
        after = connection.pageInfo.endCursor ?? null;
      }
      setState({ nodes, error: undefined, fetching: false, truncated: true });
    })();
    return () => {
      cancelled = true;
    };
  }, [document, signedIn, pause, signIns, version]);
  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { ...state, reload };
}
