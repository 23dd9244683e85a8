// prisma/schema.prisma is what the Prisma client believes; prisma/migrations is what actually runs.
// Without Prisma's schema engine nothing else keeps the two honest, so this test builds a database
// from the migrations and compares it, object by object, with what the schema describes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../src/migrate.js';
import { createTestDatabase } from '../src/testing/index.js';
import type { TestDatabase } from '../src/testing/index.js';

const PG_IDENTIFIER_LIMIT = 63;

// --- The subset of Prisma's DMMF this test reads --------------------------------------------------

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: Array<{ name: string; dbName: string | null }>;
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string;
  algorithm?: string;
  fields: Array<{ name: string; sortOrder?: 'asc' | 'desc' }>;
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };
}

/** One sorted list of canonical lines per kind of object, so differences read as line diffs. */
interface Shape {
  tables: string[];
  columns: string[];
  primaryKeys: string[];
  indexes: string[];
  foreignKeys: string[];
  enums: string[];
}
type Aspect = keyof Shape;
const ASPECTS: Aspect[] = ['tables', 'columns', 'primaryKeys', 'indexes', 'foreignKeys', 'enums'];

// --- What schema.prisma says ---------------------------------------------------------------------

function expectedShape(dmmf: Dmmf, schemaText: string): Shape {
  const { models, enums, indexes } = dmmf.datamodel;
  const modelByName = new Map(models.map((m) => [m.name, m]));
  const enumByName = new Map(enums.map((e) => [e.name, e]));
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const field = m.fields.find((f) => f.name === fieldName);
    if (!field) throw new Error(`${m.name} has no field ${fieldName}`);
    return field.dbName ?? field.name;
  };

  const shape: Shape = { tables: [], columns: [], primaryKeys: [], indexes: [], foreignKeys: [], enums: [] };
  for (const e of enums) {
    shape.enums.push(`${e.dbName ?? e.name}: ${e.values.map((v) => v.dbName ?? v.name).join(', ')}`);
  }

  for (const model of models) {
    const table = tableOf(model);
    shape.tables.push(table);
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (field.relationFromFields?.length) {
          const target = modelByName.get(field.type)!;
          const columns = field.relationFromFields.map((f) => columnOf(model, f));
          const refColumns = (field.relationToFields ?? []).map((f) => columnOf(target, f));
          const allRequired = field.relationFromFields.every(
            (f) => model.fields.find((x) => x.name === f)?.isRequired,
          );
          // Prisma's defaults: Restrict for required relations, SetNull for optional ones; Cascade on update.
          const onDelete = field.relationOnDelete ?? (allRequired ? 'Restrict' : 'SetNull');
          const onUpdate = field.relationOnUpdate ?? 'Cascade';
          const name =
            relationMapName(schemaText, model.name, field.name) ?? constraintName(table, columns, '_fkey');
          shape.foreignKeys.push(
            `${name}: ${table}(${columns.join(', ')}) -> ${tableOf(target)}(${refColumns.join(', ')}) ` +
              `ON DELETE ${referentialAction(onDelete)} ON UPDATE ${referentialAction(onUpdate)}`,
          );
        }
        continue;
      }
      if (field.kind === 'unsupported')
        throw new Error(`${model.name}.${field.name}: Unsupported types are not handled`);
      const type = expectedType(field, enumByName);
      const dflt = expectedDefault(field, enumByName);
      // Prisma Migrate never puts NOT NULL on scalar lists (`String[]` becomes a nullable text[]).
      const nullable = field.isList || !field.isRequired;
      shape.columns.push(columnLine(table, field.dbName ?? field.name, type, nullable, dflt));
    }
  }

  for (const index of indexes) {
    const model = modelByName.get(index.model)!;
    const table = tableOf(model);
    const columns = index.fields.map((f) => columnOf(model, f.name));
    if (index.type === 'id') {
      shape.primaryKeys.push(
        `${index.dbName ?? constraintName(table, [], '_pkey')}: ${table}(${columns.join(', ')})`,
      );
      continue;
    }
    if (index.type === 'fulltext') throw new Error('fulltext indexes do not exist on PostgreSQL');
    const unique = index.type === 'unique';
    const name = index.dbName ?? constraintName(table, columns, unique ? '_key' : '_idx');
    const keyParts = index.fields.map((f, i) => `${columns[i]}${f.sortOrder === 'desc' ? ' DESC' : ''}`);
    shape.indexes.push(indexLine(unique, name, table, (index.algorithm ?? 'BTree').toLowerCase(), keyParts));
  }

  for (const aspect of ASPECTS) shape[aspect].sort();
  return shape;
}

// Postgres' own spelling (format_type) of each Prisma type, so the comparison is one string compare.
function expectedType(field: DmmfField, enumByName: Map<string, DmmfEnum>): string {
  let type: string;
  if (field.kind === 'enum') {
    const e = enumByName.get(field.type)!;
    type = quoteIdent(e.dbName ?? e.name);
  } else if (field.nativeType) {
    type = nativeType(field.nativeType[0], field.nativeType[1]);
  } else {
    const scalar: Record<string, string> = {
      String: 'text',
      Boolean: 'boolean',
      Int: 'integer',
      BigInt: 'bigint',
      Float: 'double precision',
      Decimal: 'numeric(65,30)',
      DateTime: 'timestamp(3) without time zone',
      Json: 'jsonb',
      Bytes: 'bytea',
    };
    const mapped = scalar[field.type];
    if (!mapped) throw new Error(`${field.name}: no PostgreSQL type known for Prisma type ${field.type}`);
    type = mapped;
  }
  return field.isList ? `${type}[]` : type;
}

function nativeType(name: string, args: string[]): string {
  const precision = (base: string, suffix = '') =>
    args[0] ? `${base}(${args[0]})${suffix}` : `${base}${suffix}`;
  switch (name) {
    case 'Text':
      return 'text';
    case 'Uuid':
      return 'uuid';
    case 'VarChar':
      return precision('character varying');
    case 'Char':
      return `character(${args[0] ?? 1})`;
    case 'Citext':
      return 'citext';
    case 'Inet':
      return 'inet';
    case 'Xml':
      return 'xml';
    case 'Bit':
      return `bit(${args[0] ?? 1})`;
    case 'VarBit':
      return precision('bit varying');
    case 'SmallInt':
      return 'smallint';
    case 'Integer':
      return 'integer';
    case 'BigInt':
      return 'bigint';
    case 'Oid':
      return 'oid';
    case 'Real':
      return 'real';
    case 'DoublePrecision':
      return 'double precision';
    case 'Decimal':
      return args.length ? `numeric(${args.join(',')})` : 'numeric';
    case 'Money':
      return 'money';
    case 'Boolean':
      return 'boolean';
    case 'Date':
      return 'date';
    case 'Timestamp':
      return precision('timestamp', ' without time zone');
    case 'Timestamptz':
      return precision('timestamp', ' with time zone');
    case 'Time':
      return precision('time', ' without time zone');
    case 'Timetz':
      return precision('time', ' with time zone');
    case 'Json':
      return 'json';
    case 'JsonB':
      return 'jsonb';
    case 'ByteA':
      return 'bytea';
    default:
      throw new Error(`native type @db.${name} is not mapped in schema-drift.test.ts yet`);
  }
}

const NUMERIC_TYPES = /^(integer|bigint|smallint|numeric|real|double precision|money|oid)\b/;

function expectedDefault(field: DmmfField, enumByName: Map<string, DmmfEnum>): string | undefined {
  if (!field.hasDefaultValue) return undefined;
  const value = field.default;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'name' in value) {
    const fn = value as { name: string; args?: unknown[] };
    switch (fn.name) {
      case 'autoincrement':
        return 'autoincrement()';
      case 'now':
        return 'now()';
      case 'dbgenerated':
        return String(fn.args?.[0] ?? '');
      case 'uuid':
      case 'cuid':
      case 'nanoid':
      case 'ulid':
        return undefined; // generated by the Prisma client, so no DEFAULT in the database
      default:
        throw new Error(
          `${field.name}: default function ${fn.name}() is not mapped in schema-drift.test.ts yet`,
        );
    }
  }
  if (Array.isArray(value)) return `ARRAY[${value.map((v) => literal(field, v, enumByName)).join(', ')}]`;
  return literal(field, value, enumByName);
}

function literal(field: DmmfField, value: unknown, enumByName: Map<string, DmmfEnum>): string {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (field.kind === 'enum') {
      const mapped = enumByName.get(field.type)?.values.find((v) => v.name === value);
      return quoteLiteral(mapped?.dbName ?? value);
    }
    if (['Int', 'BigInt', 'Float', 'Decimal'].includes(field.type)) return value;
    return quoteLiteral(value);
  }
  return JSON.stringify(value);
}

/** `map:` on @relation is not part of the DMMF, so read it from the field's line in the schema. */
function relationMapName(schemaText: string, modelName: string, fieldName: string): string | undefined {
  const block = new RegExp(`^model\\s+${modelName}\\s*\\{([\\s\\S]*?)^\\}`, 'm').exec(schemaText)?.[1] ?? '';
  const line = block.split('\n').find((l) => new RegExp(`^\\s*${fieldName}\\s`).test(l)) ?? '';
  const relation = /@relation\(([^)]*)\)/.exec(line)?.[1] ?? '';
  return /\bmap:\s*"([^"]+)"/.exec(relation)?.[1];
}

/** Prisma's default constraint names (ConstraintNames in prisma-engines), including its truncation. */
function constraintName(table: string, columns: string[], suffix: string): string {
  let base = columns.length > 0 ? `${table}_${columns.join('_')}` : table;
  if (base.length >= PG_IDENTIFIER_LIMIT - suffix.length)
    base = base.slice(0, PG_IDENTIFIER_LIMIT - suffix.length - 1);
  return `${base}${suffix}`;
}

function referentialAction(action: string): string {
  const sql: Record<string, string> = {
    Cascade: 'CASCADE',
    Restrict: 'RESTRICT',
    NoAction: 'NO ACTION',
    SetNull: 'SET NULL',
    SetDefault: 'SET DEFAULT',
  };
  const mapped = sql[action];
  if (!mapped) throw new Error(`unknown referential action ${action}`);
  return mapped;
}

const quoteLiteral = (s: string) => `'${s.replaceAll("'", "''")}'`;
const quoteIdent = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replaceAll('"', '""')}"`);

const columnLine = (
  table: string,
  column: string,
  type: string,
  nullable: boolean,
  dflt: string | undefined,
) =>
  `${table}.${column}: ${type} ${nullable ? 'NULL' : 'NOT NULL'}${dflt === undefined ? '' : ` DEFAULT ${dflt}`}`;

const indexLine = (unique: boolean, name: string, table: string, method: string, keys: string[]) =>
  `${unique ? 'UNIQUE' : 'INDEX'} ${name} ON ${table} USING ${method} (${keys.join(', ')})`;

// --- What the migrations built -------------------------------------------------------------------

async function actualShape(client: pg.Client): Promise<Shape> {
  const q = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows;
  const inSchema = `n.nspname = current_schema() AND c.relname <> '_prisma_migrations'`;

  const tables = await q<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND ${inSchema}`,
  );

  const columns = await q<{
    table: string;
    column: string;
    type: string;
    nullable: boolean;
    dflt: string | null;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS dflt
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND ${inSchema}`,
  );

  const primaryKeys = await q<{ name: string; table: string; columns: string[] }>(
    `SELECT con.conname AS name, c.relname AS table,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'p' AND ${inSchema}`,
  );

  const indexes = await q<{
    name: string;
    table: string;
    unique: boolean;
    method: string;
    keys: string[];
    predicate: string | null;
  }>(
    `SELECT i.relname AS name, c.relname AS table, ix.indisunique AS unique, am.amname AS method,
            ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k + 1, true)
                         || CASE WHEN ix.indoption[k] & 1 = 1 THEN ' DESC' ELSE '' END
                    FROM generate_series(0, ix.indnkeyatts - 1) AS k ORDER BY k) AS keys,
            pg_get_expr(ix.indpred, ix.indrelid) AS predicate
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class c ON c.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE NOT ix.indisprimary AND ${inSchema}`,
  );

  const foreignKeys = await q<{
    name: string;
    table: string;
    columns: string[];
    ref_table: string;
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(
    `SELECT con.conname AS name, c.relname AS table, r.relname AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
            con.confdeltype AS on_delete, con.confupdtype AS on_update
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'f' AND ${inSchema}`,
  );

  const enums = await q<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid
                                      ORDER BY e.enumsortorder) AS labels
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typtype = 'e' AND n.nspname = current_schema()`,
  );

  const action: Record<string, string> = {
    a: 'NO ACTION',
    r: 'RESTRICT',
    c: 'CASCADE',
    n: 'SET NULL',
    d: 'SET DEFAULT',
  };
  const shape: Shape = {
    tables: tables.map((t) => t.name),
    columns: columns.map((c) =>
      columnLine(c.table, c.column, c.type, c.nullable, normaliseDefault(c.dflt, c.type)),
    ),
    primaryKeys: primaryKeys.map((p) => `${p.name}: ${p.table}(${p.columns.join(', ')})`),
    indexes: indexes.map(
      (i) =>
        indexLine(i.unique, i.name, i.table, i.method, i.keys) + (i.predicate ? ` WHERE ${i.predicate}` : ''),
    ),
    foreignKeys: foreignKeys.map(
      (f) =>
        `${f.name}: ${f.table}(${f.columns.join(', ')}) -> ${f.ref_table}(${f.ref_columns.join(', ')}) ` +
        `ON DELETE ${action[f.on_delete]} ON UPDATE ${action[f.on_update]}`,
    ),
    enums: enums.map((e) => `${e.name}: ${e.labels.join(', ')}`),
  };
  for (const aspect of ASPECTS) shape[aspect].sort();
  return shape;
}

/** Brings Postgres' rendering of a DEFAULT expression to the form expectedDefault produces. */
function normaliseDefault(expr: string | null, type: string): string | undefined {
  if (expr === null) return undefined;
  if (/^nextval\('[^']+'::regclass\)$/.test(expr)) return 'autoincrement()';
  if (expr === 'CURRENT_TIMESTAMP' || expr === 'now()') return 'now()';
  // ARRAY[]::text[] and ARRAY['a'::text] carry casts on every element; the schema has none.
  if (expr.startsWith('ARRAY[')) return expr.replace(/::[\w ]+(\[\])?/g, '');
  const literal = /^('(?:[^']|'')*')::[\w\s."[\]()]+$/.exec(expr)?.[1];
  if (literal === undefined) return expr;
  return NUMERIC_TYPES.test(type) ? literal.slice(1, -1) : literal;
}

// --- Comparison ----------------------------------------------------------------------------------

function differences(expected: Shape, actual: Shape): Record<Aspect, string[]> {
  const result = {} as Record<Aspect, string[]>;
  for (const aspect of ASPECTS) {
    const want = new Set(expected[aspect]);
    const have = new Set(actual[aspect]);
    result[aspect] = [
      ...expected[aspect].filter((l) => !have.has(l)).map((l) => `only in schema.prisma: ${l}`),
      ...actual[aspect].filter((l) => !want.has(l)).map((l) => `only in migrations:    ${l}`),
    ];
  }
  return result;
}

// --- The test ------------------------------------------------------------------------------------

const migrationsDir = defaultMigrationsDir();
let database: TestDatabase;
let client: pg.Client;
let expected: Shape;
let actual: Shape;

beforeAll(async () => {
  const schemaText = await readFile(join(migrationsDir, '..', 'schema.prisma'), 'utf8');
  expected = expectedShape(
    JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText }))) as Dmmf,
    schemaText,
  );

  // Built by the real runner from the repository's migrations.
  database = await createTestDatabase('gh_drift');
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  actual = await actualShape(client);
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe('prisma/migrations build exactly the database prisma/schema.prisma describes', () => {
  it('describes something (the DMMF parsed)', () => {
    expect(expected.tables.length).toBeGreaterThan(0);
    expect(expected.columns.length).toBeGreaterThan(expected.tables.length);
  });

  it.each(ASPECTS)('%s match', (aspect) => {
    const diff = differences(expected, actual)[aspect];
    expect(
      diff,
      `${aspect} differ between prisma/schema.prisma and prisma/migrations:\n  ${diff.join('\n  ')}\n` +
        'Fix the schema or add a migration so both describe the same database.',
    ).toEqual([]);
  });
});

// Proves the comparison would notice drift: each mutation is made inside a transaction that is
// rolled back, so the database stays as the migrations built it.
describe('the drift check itself', () => {
  /** The differences a mutation adds to whatever drift the real files already have. */
  async function shapeAfter(sql: string): Promise<Record<Aspect, string[]>> {
    const baseline = differences(expected, actual);
    await client.query('BEGIN');
    try {
      await client.query(sql);
      const diff = differences(expected, await actualShape(client));
      for (const aspect of ASPECTS) diff[aspect] = diff[aspect].filter((l) => !baseline[aspect].includes(l));
      return diff;
    } finally {
      await client.query('ROLLBACK');
    }
  }
  const firstMatch = (lines: string[], pattern: RegExp) => {
    const found = lines.map((l) => pattern.exec(l)).find((m) => m !== null);
    if (!found) throw new Error(`no line matches ${pattern}`);
    return found;
  };

  it('notices a column whose nullability differs', async () => {
    const [, table, column] = firstMatch(
      expected.columns,
      /^(\w+)\.(\w+): (?!.*NOT NULL).* NULL( DEFAULT .*)?$/,
    );
    const diff = await shapeAfter(`ALTER TABLE "${table}" ALTER COLUMN "${column}" SET NOT NULL`);
    expect(diff.columns).toEqual([
      expect.stringMatching(new RegExp(`^only in schema.prisma: ${table}\\.${column}: .* NULL`)),
      expect.stringMatching(new RegExp(`^only in migrations: +${table}\\.${column}: .* NOT NULL`)),
    ]);
  });

  it('notices a changed type, a dropped default and an extra table', async () => {
    const [, table, column] = firstMatch(expected.columns, /^(\w+)\.(\w+): text NOT NULL$/);
    const [, dTable, dColumn] = firstMatch(expected.columns, /^(\w+)\.(\w+): .* DEFAULT (?!autoincrement)/);
    const diff = await shapeAfter(
      `ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE varchar(300);
       ALTER TABLE "${dTable}" ALTER COLUMN "${dColumn}" DROP DEFAULT;
       CREATE TABLE drift_extra (id int)`,
    );
    expect(diff.columns.join('\n')).toContain(
      `only in migrations:    ${table}.${column}: character varying(300) NOT NULL`,
    );
    expect(diff.columns.join('\n')).toMatch(
      new RegExp(`only in migrations: +${dTable}\\.${dColumn}: [^\\n]*NULL\\n|$`),
    );
    expect(diff.columns.some((l) => l.startsWith(`only in schema.prisma: ${dTable}.${dColumn}: `))).toBe(
      true,
    );
    expect(diff.tables).toEqual(['only in migrations:    drift_extra']);
  });

  it('notices missing indexes, foreign keys, primary keys and enum values', async () => {
    const [, index] = firstMatch(expected.indexes, /^INDEX (\S+) ON/);
    const [, fk, fkTable] = firstMatch(expected.foreignKeys, /^(\S+): (\w+)\(/);
    const [, pk, pkTable] = firstMatch(expected.primaryKeys, /^(\S+): (\w+)\(/);
    const [, enumName] = firstMatch(expected.enums, /^(\w+): /);
    const diff = await shapeAfter(
      `DROP INDEX "${index}";
       ALTER TABLE "${fkTable}" DROP CONSTRAINT "${fk}";
       ALTER TABLE "${pkTable}" DROP CONSTRAINT "${pk}" CASCADE;
       ALTER TYPE "${enumName}" ADD VALUE 'drift_extra'`,
    );
    expect(diff.indexes).toContainEqual(
      expect.stringMatching(new RegExp(`^only in schema.prisma: INDEX ${index} `)),
    );
    expect(diff.foreignKeys).toContainEqual(
      expect.stringMatching(new RegExp(`^only in schema.prisma: ${fk}: `)),
    );
    expect(diff.primaryKeys).toContainEqual(
      expect.stringMatching(new RegExp(`^only in schema.prisma: ${pk}: `)),
    );
    expect(diff.enums).toContainEqual(
      expect.stringMatching(new RegExp(`^only in migrations: +${enumName}: .*drift_extra$`)),
    );
  });
});
