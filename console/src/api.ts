/**
 * The GraphQL client: urql against this server's /graphql with the typed
 * documents generated from client/operations (client/generated). Queries go
 * as GET (CSRF-safe: they carry Authorization), mutations as POST JSON.
 */
import { Client, CombinedError, cacheExchange, fetchExchange, gql, mapExchange, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import type { TypedDocumentString } from '../../client/generated/graphql';
import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import { useQuery, type UseQueryArgs, type UseQueryResponse } from 'urql';
import { sessionStore } from './session';

/** The generated documents are strings; urql wants parsed documents (it caches the parse). */
export function doc<Result, Variables extends AnyVariables>(document: TypedDocumentString<Result, Variables>): TypedDocumentNode<Result, Variables> {
  return gql<Result, Variables>(document.toString());
}

export function errorCode(error: CombinedError | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

export const client = new Client({
  url: '/graphql',
  exchanges: [
    mapExchange({
      onResult(result) {
        // A refused session (not a refused password) sends the person back to the login, page state kept.
        const refused = errorCode(result.error) === 'UNAUTHENTICATED' && result.operation.context.signIn !== true;
        if (refused) sessionStore.expire();
      },
    }),
    cacheExchange,
    fetchExchange,
  ],
  fetchOptions: (): RequestInit => {
    const token = sessionStore.token();
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    return { credentials: 'omit', headers };
  },
});

export interface Outcome<T> {
  data?: T;
  error?: CombinedError;
}

/** Runs a mutation without keeping its result in any hook state (a secret in it lives only where the caller puts it). */
export async function mutate<Result, Variables extends AnyVariables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables,
  context: { signIn?: boolean; additionalTypenames?: string[] } = {},
): Promise<Outcome<Result>> {
  const result = await client.mutation(doc(document), variables, context).toPromise();
  return { data: result.data, error: result.error };
}

/** How many times an ended session was renewed during this page's life: queries fetch again after each. */
export const SignInCount = createContext(0);

/**
 * useQuery for a signed-in page: paused while there is no session (nothing is sent without one), and run
 * again, from the network, when an ended session is renewed (logged in again, with the page kept).
 */
export function useSignedInQuery<Result, Variables extends AnyVariables>(args: UseQueryArgs<Variables, Result>): UseQueryResponse<Result, Variables> {
  const signIns = useContext(SignInCount);
  const status = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const response = useQuery<Result, Variables>({ ...args, pause: args.pause === true || status.kind !== 'signedIn' } as UseQueryArgs<Variables, Result>);
  const seen = useRef(signIns);
  const reexecute = response[1];
  useEffect(() => {
    if (signIns === seen.current) return;
    seen.current = signIns;
    reexecute({ requestPolicy: 'network-only' });
  }, [signIns, reexecute]);
  return response;
}
