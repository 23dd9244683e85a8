import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error';
import {
  CHAINED_MAX_SECONDS,
  MAX_SESSION_SECONDS,
  MIN_SESSION_SECONDS,
  decideSessionLimit,
  maxSessionSeconds,
  resolveSessionDuration,
  sendSessionDuration,
} from './session-duration';

describe('constants', () => {
  it('match the AWS limits', () => {
    expect([MIN_SESSION_SECONDS, MAX_SESSION_SECONDS, CHAINED_MAX_SECONDS]).toEqual([900, 43200, 3600]);
  });
});

describe('maxSessionSeconds', () => {
  it.each([
    // role, grant, chained, expected
    [3600, null, false, 3600],
    [43200, null, false, 43200],
    [43200, 7200, false, 7200],
    [7200, 43200, false, 7200],
    [43200, null, true, 3600],
    [43200, 7200, true, 3600],
    [43200, 1800, true, 1800],
    [3600, 3600, true, 3600],
    [7200, 900, false, 900],
    [7200, 600, false, 900],
    [0, null, false, 900],
    [100000, null, false, 43200],
    [Number.NaN, null, false, 900],
    [3600.9, null, false, 3600],
  ])('role %d, grant %s, chained %s → %d', (roleMaxSeconds, grantMaxSeconds, chained, expected) => {
    expect(maxSessionSeconds({ roleMaxSeconds, grantMaxSeconds, chained })).toBe(expected);
  });
});

describe('resolveSessionDuration', () => {
  const role12h = { roleMaxSeconds: 43200, grantMaxSeconds: null, chained: false };

  it.each([
    // requested, limits, duration, max, clamped
    [undefined, role12h, 43200, 43200, false],
    [900, role12h, 900, 43200, false],
    [43200, role12h, 43200, 43200, false],
    [3600, role12h, 3600, 43200, false],
    [undefined, { ...role12h, chained: true }, 3600, 3600, false],
    [3600, { ...role12h, chained: true }, 3600, 3600, false],
    [3601, { ...role12h, chained: true }, 3600, 3600, true],
    [43200, { ...role12h, chained: true }, 3600, 3600, true],
    [7200, { ...role12h, grantMaxSeconds: 3600 }, 3600, 3600, true],
    [1800, { ...role12h, grantMaxSeconds: 3600 }, 1800, 3600, false],
    [43200, { roleMaxSeconds: 3600, grantMaxSeconds: null, chained: false }, 3600, 3600, true],
    [900, { roleMaxSeconds: 3600, grantMaxSeconds: 900, chained: true }, 900, 900, false],
  ] as const)(
    'requested %s with %j → %d (max %d, clamped %s)',
    (requestedSeconds, limits, duration, max, clamped) => {
      expect(resolveSessionDuration({ requestedSeconds, ...limits })).toEqual({
        durationSeconds: duration,
        maxSeconds: max,
        clamped,
        limit: expect.objectContaining({ maxSeconds: max }),
      });
    },
  );

  it.each([899, 43201, 0, -900, 900.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %d as a durationSeconds validation error',
    (requestedSeconds) => {
      let caught: unknown;
      try {
        resolveSessionDuration({ requestedSeconds, ...role12h });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('validation');
      expect((caught as AppError).fields).toEqual([
        { field: 'durationSeconds', reason: 'must be between 900 and 43200' },
      ]);
    },
  );

  it('rejects out-of-range requests even when the role maximum is lower', () => {
    expect(() =>
      resolveSessionDuration({
        requestedSeconds: 43201,
        roleMaxSeconds: 3600,
        grantMaxSeconds: null,
        chained: true,
      }),
    ).toThrow(AppError);
  });
});

describe('decideSessionLimit', () => {
  const base = { roleMaxSeconds: 43200, grantMaxSeconds: null, chained: false };

  it.each([
    // input, max, limitedBy
    [base, 43200, 'role'],
    [{ ...base, roleMaxSeconds: 3600 }, 3600, 'role'],
    [{ ...base, grantMaxSeconds: 7200 }, 7200, 'grant'],
    [{ ...base, chained: true }, 3600, 'role_chaining'],
    // Equal limits: role chaining is the one that explains it.
    [{ ...base, chained: true, grantMaxSeconds: 3600 }, 3600, 'role_chaining'],
    [{ ...base, chained: true, grantMaxSeconds: 1800 }, 1800, 'grant'],
    [{ ...base, iamMaxSeconds: 3600 }, 3600, 'iam_role'],
    // IAM allowing more than Gatehouse's setting does not raise it.
    [{ ...base, roleMaxSeconds: 7200, iamMaxSeconds: 43200 }, 7200, 'role'],
    [{ ...base, iamMaxSeconds: null }, 43200, 'role'],
    [{ ...base, roleMaxSeconds: 100000 }, 43200, 'aws_maximum'],
    [{ ...base, grantMaxSeconds: 600 }, 900, 'aws_minimum'],
    [{ ...base, roleMaxSeconds: Number.NaN }, 900, 'aws_minimum'],
  ] as const)('%j → %d by %s', (input, max, limitedBy) => {
    const limit = decideSessionLimit(input);
    expect(limit.maxSeconds).toBe(max);
    expect(limit.limitedBy).toBe(limitedBy);
    expect(maxSessionSeconds(input)).toBe(max);
  });

  it('explains the binding limit and names the looser ones', () => {
    const limit = decideSessionLimit({ roleMaxSeconds: 43200, grantMaxSeconds: 7200, chained: true });
    expect(limit.explanation).toBe(
      'At most 1 h: Gatehouse runs on role credentials, and AWS caps chained role sessions at 1 h ' +
        '(the role allows 12 h in Gatehouse; the grant caps sessions at 2 h). ' +
        'Console sessions last as long as the credentials.',
    );
    expect(limit.consoleSessionDuration).toBe(false);
  });

  it('points at IAM when the role itself allows less than Gatehouse was told', () => {
    const limit = decideSessionLimit({
      roleMaxSeconds: 43200,
      grantMaxSeconds: null,
      chained: false,
      iamMaxSeconds: 3600,
    });
    expect(limit.explanation).toBe(
      "At most 1 h: the role's MaxSessionDuration in IAM is 1 h (the role allows 12 h in Gatehouse).",
    );
    expect(limit.consoleSessionDuration).toBe(true);
  });

  it('never lets the console send SessionDuration on federation-token credentials', () => {
    expect(decideSessionLimit({ ...base, federationToken: true }).consoleSessionDuration).toBe(false);
  });
});

describe('sendSessionDuration', () => {
  it.each([
    [false, false, true],
    [true, false, false],
    [false, true, false],
    [true, true, false],
  ])('role session %s, federation token %s → %s', (isRoleSession, isFederationToken, expected) => {
    expect(sendSessionDuration({ isRoleSession, isFederationToken })).toBe(expected);
  });
});
