/**
 * Query limits: every operation is measured after validation and before
 * execution, so a too deep or too costly one is refused before any resolver
 * (and any SQL) runs.
 *
 * - Depth: nested fields, fragments expanded; at most `maxDepth` (12).
 *   Introspection (`__schema`, `__type`) is left out: it is bounded by
 *   graphql-js's MaxIntrospectionDepthRule, added to the validation rules.
 * - Cost (graphql-query-complexity): each field costs 1 plus its children; a
 *   field with a `first` argument returns up to `first` items, so its children
 *   cost `first` times; an object list without `first` is guessed at
 *   UNPAGED_LIST_SIZE items, except the edges of a connection (already counted
 *   through `first`). Aliases and every root field of the operation add up
 *   in the same budget.
 * - Costly root fields (DESIGN.md "Authorization model", rule 8): `login`,
 *   `authenticate`, `reportLeakedSecret`, `changePassword`, and `createUser`
 *   or `updateUser` given a password each run argon2 or a secret lookup that
 *   a caller could multiply with aliases: an operation holds at most one of
 *   them, aliases and fragments counted.
 */
import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type FieldNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import { badUserInput, KeywardenError } from './errors';
import { MAX_PAGE_SIZE } from './pagination';

/** How many items an unpaged list of objects (roles, groups, ancestors) is assumed to hold. */
export const UNPAGED_LIST_SIZE = 10;
/** Fields looked at, fragments expanded, before giving up measuring (graphql-query-complexity's `maxQueryNodes`). */
export const MAX_QUERY_NODES = 10_000;

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

export interface OperationMeasure {
  depth: number;
  complexity: number;
}

/** A paged field (one with `first`): its children cost once per item asked for. */
const pagedFieldEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 0), MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
  return 1 + first * childComplexity;
};

/** An unpaged list of objects: guessed at UNPAGED_LIST_SIZE items; connection edges and introspection count once. */
const unpagedListEstimator: ComplexityEstimator = ({ field, type, childComplexity }) => {
  const listed = getNullableType(field.type);
  if (!isListType(listed) || !isCompositeType(getNamedType(listed))) return undefined;
  if (type.name.endsWith('Connection') || type.name.startsWith('__')) return 1 + childComplexity;
  return 1 + UNPAGED_LIST_SIZE * childComplexity;
};

const ESTIMATORS: ComplexityEstimator[] = [pagedFieldEstimator, unpagedListEstimator, simpleEstimator({ defaultComplexity: 1 })];

/** The deepest chain of fields under a selection set; introspection subtrees excluded. */
function selectionDepth(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, memo: Map<string, number>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      depth = 1 + (selection.selectionSet ? selectionDepth(selection.selectionSet, fragments, memo) : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = selectionDepth(selection.selectionSet, fragments, memo);
    } else {
      // Validation has already refused unknown and cyclic fragments; a fragment's depth does not depend on where it is spread.
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment) continue;
      if (!memo.has(name)) memo.set(name, selectionDepth(fragment.selectionSet, fragments, memo));
      depth = memo.get(name)!;
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  return selectionDepth(operation.selectionSet, fragmentsOf(document), new Map());
}

/** Root mutation fields that cost a password hash or a secret lookup each time; `true`: always, else only when their `input` holds one of the named fields. */
export const COSTLY_MUTATIONS: Record<string, true | string[]> = {
  login: true,
  authenticate: true,
  reportLeakedSecret: true,
  changePassword: true,
  createUser: ['password'],
  updateUser: ['password'],
};

/** Whether a selection runs, by its @skip and @include. */
function isIncluded(node: SelectionNode, variables: Record<string, unknown> | undefined): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/** The root fields an operation runs, fragments expanded and aliases kept apart. */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, variables: Record<string, unknown> | undefined, seen = new Set<string>()): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (!isIncluded(selection, variables)) return [];
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, fragments, variables, seen);
    const fragment = fragments.get(selection.name.value);
    if (!fragment || seen.has(fragment.name.value)) return [];
    seen.add(fragment.name.value);
    return rootFields(fragment.selectionSet, fragments, variables, seen);
  });
}

/** Whether a literal or variable object value sets any of `names` to something other than null. */
function setsAny(value: ValueNode | undefined, names: string[], variables: Record<string, unknown> | undefined): boolean {
  if (!value) return false;
  if (value.kind === Kind.VARIABLE) {
    const object = variables?.[value.name.value];
    return typeof object === 'object' && object !== null && names.some((n) => (object as Record<string, unknown>)[n] != null);
  }
  if (value.kind !== Kind.OBJECT) return false;
  return value.fields.some((f) => names.includes(f.name.value) && f.value.kind !== Kind.NULL && (f.value.kind !== Kind.VARIABLE || variables?.[f.value.name.value] != null));
}

function isCostly(field: FieldNode, variables: Record<string, unknown> | undefined): boolean {
  const rule = COSTLY_MUTATIONS[field.name.value];
  if (rule === undefined) return false;
  return rule === true || setsAny(field.arguments?.find((a) => a.name.value === 'input')?.value, rule, variables);
}

/** BAD_USER_INPUT when a mutation holds more than one costly field (COSTLY_MUTATIONS). */
export function enforceOneCostlyField(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  if (operation.operation !== 'mutation') return;
  const costly = rootFields(operation.selectionSet, fragmentsOf(document), variables).filter((f) => isCostly(f, variables));
  if (costly.length <= 1) return;
  const names = [...new Set(costly.map((f) => f.name.value))].join(', ');
  const error = badUserInput(
    costly[0].name.value,
    `an operation may run at most one of login, authenticate, reportLeakedSecret, changePassword, and createUser or updateUser with a password; this one runs ${costly.length} (${names})`,
  );
  Object.assign(error.extensions, { http: { status: 400 } });
  throw error;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function refusal(message: string, limit: 'maxDepth' | 'maxComplexity', maximum: number): KeywardenError {
  const error = badUserInput('query', message);
  Object.assign(error.extensions, { limit, maximum, http: { status: 400 } });
  return error;
}

/**
 * Measures an operation and throws BAD_USER_INPUT naming the limit it
 * breaks. Depth is checked first: it is cheap, and bounds the cost walk.
 */
export function enforceQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
): OperationMeasure {
  enforceOneCostlyField(document, operation, variables);
  const depth = operationDepth(document, operation);
  if (depth > limits.maxDepth) {
    throw refusal(`is ${depth} levels deep; the depth limit is ${limits.maxDepth}`, 'maxDepth', limits.maxDepth);
  }
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      operationName: operation.name?.value,
      variables,
      estimators: ESTIMATORS,
      maxQueryNodes: MAX_QUERY_NODES,
    });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    if (error.message.includes('maximum allowed number of nodes')) {
      throw refusal(
        `selects more than ${MAX_QUERY_NODES} fields once fragments are expanded; it exceeds the complexity limit of ${limits.maxComplexity}`,
        'maxComplexity',
        limits.maxComplexity,
      );
    }
    // Variables or arguments that do not coerce: the operation could not run anyway; say why.
    throw new KeywardenError('BAD_USER_INPUT', error.message, { http: { status: 400 } });
  }
  if (complexity > limits.maxComplexity) {
    throw refusal(`costs ${complexity}; the complexity limit is ${limits.maxComplexity} per operation`, 'maxComplexity', limits.maxComplexity);
  }
  return { depth, complexity };
}

/** Variables longer than this (as JSON) are not worth remembering a measure for. */
const MAX_CACHED_VARIABLES = 1024;
const MAX_CACHED_PER_DOCUMENT = 32;

/**
 * Apollo plugin: refuses too deep or too costly operations once they are
 * resolved, before execution. Measuring costs ~0.1 ms, so operations that
 * passed are remembered per parsed document (Apollo hands the same
 * DocumentNode back for the same query text), operation name and variables.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  const passed = new WeakMap<DocumentNode, Set<string>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo refuses a document without the named operation itself
          const variables = request.variables ? JSON.stringify(request.variables) : '';
          const key = variables.length <= MAX_CACHED_VARIABLES ? `${operation.name?.value ?? ''}\n${variables}` : null;
          if (key !== null && passed.get(document)?.has(key)) return;
          enforceQueryLimits(schema, document, operation, request.variables, limits);
          if (key === null) return;
          const keys = passed.get(document) ?? new Set<string>();
          if (keys.size >= MAX_CACHED_PER_DOCUMENT) keys.clear();
          passed.set(document, keys.add(key));
        },
      };
    },
  };
}
