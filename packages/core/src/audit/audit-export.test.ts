import { describe, expect, it } from 'vitest';
import { auditCsvHeader, auditCsvLine, auditJsonLine, csvCell, exportAudit } from './audit-export';
import { decodeAuditCursor, encodeAuditCursor, parseAuditFilter } from './audit-filter';
import type { AuditRow } from './ports';

function row(overrides: Partial<AuditRow> = {}): AuditRow {
  return {
    id: '42',
    occurredAt: new Date('2026-01-02T03:04:05.678Z'),
    action: 'admin.user_create',
    outcome: 'success',
    actorId: '6f1c1a8e-1111-4d4d-8e8e-000000000001',
    actorUsername: 'root',
    targetUserId: null,
    ip: '127.0.0.1',
    userAgent: 'Mozilla/5.0, "quoted"',
    requestId: 'req-1',
    accountId: null,
    roleId: null,
    correlationId: null,
    details: { before: null, after: { name: 'x' } },
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
    ...overrides,
  };
}

/** Minimal RFC 4180 reader, enough to prove the writer round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let current: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      current.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      current.push(field);
      rows.push(current);
      current = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('csvCell', () => {
  it('leaves plain text alone and empties null', () => {
    expect(csvCell('admin.user_create')).toBe('admin.user_create');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
  });

  it('defuses spreadsheet formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}HYPERLINK("http://evil")`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('=A1,B2')).toBe(`"'=A1,B2"`);
  });
});

describe('audit export', () => {
  it('writes a header and one parseable CSV line per row', () => {
    const text = auditCsvHeader() + auditCsvLine(row()) + auditCsvLine(row({ actorUsername: '=cmd|calc' }));
    const [header, first, second] = parseCsv(text);
    expect(header?.[0]).toBe('id');
    expect(header).toContain('details');
    const column = (name: string) => header!.indexOf(name);
    expect(first?.[column('userAgent')]).toBe('Mozilla/5.0, "quoted"');
    expect(JSON.parse(first![column('details')]!)).toEqual({ before: null, after: { name: 'x' } });
    expect(first?.[column('occurredAt')]).toBe('2026-01-02T03:04:05.678Z');
    expect(second?.[column('actorUsername')]).toBe("'=cmd|calc");
  });

  it('writes JSON Lines with structured details', () => {
    const line = auditJsonLine(row({ userAgent: 'line\nbreak' }));
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({ id: '42', userAgent: 'line\nbreak', details: { after: { name: 'x' } } });
  });

  it('streams in chunks and always emits the CSV header', async () => {
    async function* rows() {
      for (let i = 1; i <= 5; i++) yield row({ id: String(i) });
    }
    const chunks: string[] = [];
    for await (const chunk of exportAudit(rows(), 'csv', 2)) chunks.push(chunk);
    expect(chunks).toHaveLength(3);
    expect(parseCsv(chunks.join(''))).toHaveLength(6);

    const empty: string[] = [];
    for await (const chunk of exportAudit((async function* () {})(), 'csv')) empty.push(chunk);
    expect(empty).toEqual([auditCsvHeader()]);
  });
});

describe('audit cursor and filter', () => {
  it('round-trips ids and refuses anything else', () => {
    expect(decodeAuditCursor(encodeAuditCursor('12345'))).toBe('12345');
    expect(decodeAuditCursor('garbage')).toBeNull();
    expect(decodeAuditCursor(Buffer.from('a1:1 OR 1=1').toString('base64url'))).toBeNull();
    expect(decodeAuditCursor(Buffer.from('a1:99999999999999999999').toString('base64url'))).toBeNull();
  });

  it('reads prefixes and checks the time range', () => {
    expect(parseAuditFilter({ action: 'access.' }).action).toEqual({ prefix: 'access.' });
    expect(parseAuditFilter({ action: 'admin.user_*' }).action).toEqual({ prefix: 'admin.user_' });
    expect(parseAuditFilter({ action: 'auth.totp' }).action).toEqual({ exact: 'auth.totp' });
    expect(() => parseAuditFilter({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toThrow(
      expect.objectContaining({ fields: [{ field: 'from', reason: 'must not be after to' }] }),
    );
  });
});
