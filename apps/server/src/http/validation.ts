/**
 * How requests are checked against their schemas, and how a refusal reads.
 *
 * Bodies are JSON and must be exactly what their schema says: an unknown field or a value of the
 * wrong type is refused, never dropped or converted (`"3600"` is not 3600). Query strings and
 * path parameters are text on the wire, so they convert to their declared types (`?limit=5`,
 * `?includeInactive=true`), but they too refuse names they do not declare. Every problem of a
 * request is reported at once, each by its path (`request.actions.1`).
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { BuildCompilerFromPool } from '@fastify/ajv-compiler';
import type { FastifySchemaCompiler, FastifySchemaValidationError, FastifyServerOptions } from 'fastify';
import type { ErrorBody } from '@gatehouse/contracts';

/** Fastify's own defaults, minus the two that make a schema looser than it reads. */
const ALL_PARTS = { removeAdditional: false, useDefaults: true, allErrors: true } as const;
const BODY = { ...ALL_PARTS, coerceTypes: false } as const;
const TEXT_PARTS = { ...ALL_PARTS, coerceTypes: 'array' } as const;

/**
 * Ajv reports every problem (`allErrors`); a 64 KiB body could hold thousands. Beyond this many
 * the answer says how many more there were instead of echoing them all.
 */
export const MAX_LISTED_FIELDS = 100;

type FieldIssue = NonNullable<ErrorBody['fields']>[number];
/** What the pool's compilers really are (its types describe Ajv's own `compile`). */
type RouteCompiler = FastifySchemaCompiler<unknown>;

/**
 * Two Ajv instances, built as Fastify builds its one (same plugins, formats, shared schemas):
 * strict for bodies, coercing for query strings, path parameters and headers. Header schemas are
 * then compiled as written, not lower-cased by Fastify; no route declares one.
 */
const buildValidator: BuildCompilerFromPool = (externalSchemas, serverOptions) => {
  const pool = AjvCompiler();
  const compilerWith = (custom: object) =>
    pool(externalSchemas, {
      ...serverOptions,
      mode: undefined, // JSON Schema, not JTD
      customOptions: { ...serverOptions?.customOptions, ...custom },
    }) as unknown as RouteCompiler;
  const body = compilerWith(BODY);
  const text = compilerWith(TEXT_PARTS);
  const compile: RouteCompiler = (route) => (route.httpPart === 'body' ? body(route) : text(route));
  return compile as unknown as ReturnType<BuildCompilerFromPool>;
};

/** The Fastify option that installs both. */
export const requestValidation: FastifyServerOptions['schemaController'] = {
  compilersFactory: { buildValidator },
};

// --- how a refusal reads -------------------------------------------------------------------

const ALTERNATIVES = new Set(['anyOf', 'oneOf']);
const KINDS = new Set(['type', 'const', 'enum']);

/** `/request/actions/1` → `request.actions.1`; the part's name when the whole of it is wrong. */
function pathOf(instancePath: string, part: string, child?: unknown): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (typeof child === 'string') return path ? `${path}.${child}` : child;
  return path || part;
}

function typesOf(error: FastifySchemaValidationError): string[] {
  const type = error.params['type'];
  return Array.isArray(type) ? type.map(String) : String(type).split(',');
}

/** "must be string or null" / "must be one of csv, jsonl", when that is all the branches say. */
function alternativesReason(branches: FastifySchemaValidationError[], instancePath: string): string | null {
  if (!branches.every((b) => b.instancePath === instancePath && KINDS.has(b.keyword))) return null;
  if (branches.every((b) => b.keyword === 'type')) return `must be ${branches.flatMap(typesOf).join(' or ')}`;
  const values = branches.flatMap((b) =>
    b.keyword === 'const'
      ? [b.params['allowedValue']]
      : b.keyword === 'enum'
        ? [b.params['allowedValues']]
        : [],
  );
  if (values.length !== branches.length) return null;
  return `must be one of ${values.flat().map(String).join(', ')}`;
}

/**
 * One entry per problem. An `anyOf` (a union: `Nullable(...)`, a set of literals) makes Ajv report
 * every branch's failure and then the union's: they are read together as one reason, or, when a
 * branch had the right kind of value and failed only its finer rules, as that branch's reasons.
 */
function issuesOf(errors: FastifySchemaValidationError[], part: string): FieldIssue[] {
  const unions = errors.filter((e) => ALTERNATIVES.has(e.keyword));
  const inside = (e: FastifySchemaValidationError, union: FastifySchemaValidationError) =>
    e !== union && e.schemaPath.startsWith(`${union.schemaPath}/`);
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    if (unions.some((union) => inside(error, union))) continue;
    if (!ALTERNATIVES.has(error.keyword)) {
      issues.push(issueOf(error, part));
      continue;
    }
    const branches = errors.filter((e) => inside(e, error));
    const combined = alternativesReason(branches, error.instancePath);
    const close = closestBranches(branches, error);
    if (!combined && close.length > 0) issues.push(...issuesOf(close, part));
    else
      issues.push({
        field: pathOf(error.instancePath, part),
        reason: combined ?? 'does not match any of the accepted forms',
      });
  }
  return issues;
}

/** The branches whose kind of value was right: they failed a finer rule (a length, a pattern). */
function closestBranches(
  branches: FastifySchemaValidationError[],
  union: FastifySchemaValidationError,
): FastifySchemaValidationError[] {
  const branchOf = (e: FastifySchemaValidationError) =>
    e.schemaPath.slice(union.schemaPath.length + 1).split('/')[0] ?? '';
  const wrongKind = new Set(
    branches.filter((b) => b.instancePath === union.instancePath && KINDS.has(b.keyword)).map(branchOf),
  );
  return branches.filter((b) => !wrongKind.has(branchOf(b)));
}

function issueOf(error: FastifySchemaValidationError, part: string): FieldIssue {
  const { keyword, instancePath, params } = error;
  if (keyword === 'additionalProperties')
    return { field: pathOf(instancePath, part, params['additionalProperty']), reason: 'is not allowed' };
  if (keyword === 'required')
    return {
      field: pathOf(instancePath, part, params['missingProperty']),
      reason: error.message ?? 'required',
    };
  if (keyword === 'type')
    return { field: pathOf(instancePath, part), reason: `must be ${typesOf(error).join(' or ')}` };
  return { field: pathOf(instancePath, part), reason: error.message ?? 'invalid' };
}

/** What a schema refusal answers: every problem by its path, and one sentence listing them. */
export function describeValidation(
  errors: FastifySchemaValidationError[],
  part = 'body',
): { fields: FieldIssue[]; message: string } {
  const seen = new Set<string>();
  const all = issuesOf(errors, part).filter((issue) => {
    const key = `${issue.field}\u0000${issue.reason}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const fields = all.slice(0, MAX_LISTED_FIELDS);
  const more = all.length - fields.length;
  const listed = fields.map((f) => `${f.field} ${f.reason}`).join('; ');
  return {
    fields,
    message: `Invalid request: ${listed}${more > 0 ? `; and ${more} more problems` : ''}.`,
  };
}
