import type { PrincipalEntity } from '../users/principal.entity';
import type { ApiKeyEntity } from '../api-keys/api-key.entity';

/** How the caller proved who they are (the audit log's `authMethod`). */
export type AuthMethodValue = 'PASSWORD' | 'SESSION' | 'API_KEY' | 'ACCESS_KEY' | 'ANONYMOUS';

/** Who is calling. Absent for anonymous requests. */
export interface Identity {
  principal: PrincipalEntity;
  method: Exclude<AuthMethodValue, 'ANONYMOUS'>;
  /** The key that authenticated this request, directly or by opening its session. */
  apiKey: ApiKeyEntity | null;
  sessionId: string | null;
}
