/** The Relay `Node` interface: every object with a global ID, fetched with `node(id:)`. */
import { Field, ID, InterfaceType } from 'type-graphql';
import { kindOfId } from './ids';

const TYPE_BY_ID_KIND: Record<string, string> = {
  account: 'Account',
  user: 'User',
  functionalId: 'FunctionalId',
  apiKey: 'ApiKey',
  role: 'Role',
  group: 'Group',
  notification: 'Notification',
  auditEvent: 'AuditEvent',
  service: 'Service',
  webhook: 'Webhook',
  webhookDelivery: 'WebhookDelivery',
};

@InterfaceType({
  description: 'An object with a global ID, which `node(id:)` fetches. The ID prefix names the type (`key_`, `usr_`, `fid_`, …).',
  resolveType: (value: { id: string }) => TYPE_BY_ID_KIND[kindOfId(value.id) ?? ''],
})
export abstract class Node {
  @Field(() => ID, { description: 'Global ID: a type prefix and 26 characters that sort by creation time.' })
  id!: string;
}
