import { useMemo } from 'react';
import { ListGroupsDocument, ListRolesDocument } from '../../../client/generated/graphql';
import { doc, useSignedInQuery } from '../api';
import { useEveryPage } from '../lists';
import { ErrorMessage } from './ErrorMessage';

export interface Access {
  roleIds: string[];
  groupIds: string[];
}

function toggle(list: string[], id: string, on: boolean): string[] {
  return on ? [...new Set([...list, id])] : list.filter((item) => item !== id);
}

function Checklist({ legend, items, chosen, onChange, hint }: { legend: string; items: { id: string; name: string; note?: string }[]; chosen: string[]; onChange: (ids: string[]) => void; hint?: string }) {
  return (
    <fieldset className="checklist">
      <legend>{legend}</legend>
      {hint && <span className="hint">{hint}</span>}
      {items.length === 0 && <span className="empty">None in this account.</span>}
      {items.map((item) => (
        <label className="inline" key={item.id}>
          <input type="checkbox" checked={chosen.includes(item.id)} onChange={(e) => onChange(toggle(chosen, item.id, e.target.checked))} />
          {item.name}
          {item.note && <span className="hint">{item.note}</span>}
        </label>
      ))}
    </fieldset>
  );
}

/** The account's roles and groups as checkboxes: what a key, user or group is given. */
export function AccessPicker({ value, onChange, show = 'both', hint }: { value: Access; onChange: (access: Access) => void; show?: 'both' | 'roles'; hint?: string }) {
  const [{ data: roleData, error: roleError }] = useSignedInQuery({ query: doc(ListRolesDocument), context: useMemo(() => ({ additionalTypenames: ['Role'] }), []) });
  const groups = useEveryPage(ListGroupsDocument, (data) => data.groups);
  const roles = roleData?.roles.map((role) => ({ id: role.id, name: role.name, note: role.builtIn ? 'built in' : undefined }));
  return (
    <>
      <ErrorMessage error={roleError ?? groups.error} />
      {roles ? <Checklist legend="Roles" items={roles} chosen={value.roleIds} onChange={(roleIds) => onChange({ ...value, roleIds })} hint={hint} /> : <p role="status">Loading roles…</p>}
      {show === 'both' &&
        (groups.nodes ? (
          <Checklist legend="Groups" items={groups.nodes} chosen={value.groupIds} onChange={(groupIds) => onChange({ ...value, groupIds })} />
        ) : (
          <p role="status">Loading groups…</p>
        ))}
    </>
  );
}
