/** A typed GraphQL client over fetch, for the operations generated into client/generated/. */
import type { TypedDocumentString } from '../../client/generated/graphql';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  endpoint: string;
  /** The full Authorization header value, if any. */
  authorization?: string;
  /** The account to act in (`X-Account-Id`); the server's default when absent. */
  accountId?: string;
}

export class KeywardenClient {
  constructor(private readonly options: ClientOptions) {}

  async request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<TResult> {
    let response: Response;
    try {
      response = await fetch(this.options.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(this.options.authorization ? { authorization: this.options.authorization } : {}),
          ...(this.options.accountId ? { 'x-account-id': this.options.accountId } : {}),
        },
        body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      });
    } catch (error) {
      throw new ApiError('UNREACHABLE', `cannot reach ${this.options.endpoint}: ${(error as Error).message}`);
    }
    let body: { data?: TResult; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new ApiError('BAD_RESPONSE', `${this.options.endpoint} answered HTTP ${response.status} without a GraphQL body`);
    }
    const error = body.errors?.[0];
    if (error) throw new ApiError(error.extensions?.code ?? 'ERROR', error.message);
    if (!body.data) throw new ApiError('BAD_RESPONSE', 'the answer holds no data');
    return body.data;
  }
}
