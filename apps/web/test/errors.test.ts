import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api';
import { describeError, fieldErrorText, fieldReason, formatClock, formatWait } from '../src/errors';
import { translate } from '../src/i18n';
import type { Locale } from '../src/i18n';
import { safeNext } from '../src/session';
import { tokenFromFragment } from '../src/fragment';

function i18n(locale: Locale) {
  return {
    locale,
    t: (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
      translate(locale, key, vars),
    formatDuration: (seconds: number) =>
      translate(locale, 'duration.minutes', { m: Math.round(seconds / 60) }),
  };
}

const body = (error: string, message: string, fields?: Array<{ field: string; reason: string }>) => ({
  requestId: 'req-1',
  statusCode: 0,
  error,
  message,
  ...(fields ? { fields } : {}),
});

describe('describeError', () => {
  it('says how long a lock or a rate limit lasts, from Retry-After, in either language', () => {
    const locked = new ApiError(423, body('locked', 'Too many failed attempts.'), '900');
    expect(describeError(i18n('en'), locked).message).toBe(
      'Too many failed attempts. Sign-in is locked; try again in 15 min.',
    );
    expect(describeError(i18n('ja'), locked).message).toBe(
      '失敗が続いたため、サインインがロックされています。15 分後にもう一度お試しください。',
    );
    const limited = new ApiError(429, body('rate_limited', 'Too many attempts.'), '42');
    expect(describeError(i18n('en'), limited).message).toBe(
      'Too many attempts from your network. Try again in 42 s.',
    );
  });

  it('explains an unreachable server without blaming the user', () => {
    const offline = new ApiError(0, body('network', 'Cannot reach Gatehouse.'), null);
    expect(describeError(i18n('ja'), offline).message).toBe(translate('ja', 'error.network'));
  });

  it('gives English readers the server sentence, and Japanese readers a translated headline with it as detail', () => {
    const denied = new ApiError(
      502,
      body('aws_access_denied', 'AWS refused to let Gatehouse assume the role.'),
      null,
    );
    expect(describeError(i18n('en'), denied)).toEqual({
      message: 'AWS refused to let Gatehouse assume the role.',
      requestId: 'req-1',
    });
    expect(describeError(i18n('ja'), denied)).toEqual({
      message: translate('ja', 'error.aws'),
      detail: 'AWS refused to let Gatehouse assume the role.',
      requestId: 'req-1',
    });
  });

  it('does not repeat internal error text, but keeps the request id for the administrator', () => {
    const internal = new ApiError(500, body('internal', 'Internal error.'), null);
    expect(describeError(i18n('en'), internal)).toEqual({
      message: translate('en', 'error.internal'),
      requestId: 'req-1',
    });
    expect(describeError(i18n('en'), new Error('boom')).message).toBe(translate('en', 'error.unexpected'));
  });
});

describe('field reasons', () => {
  it('translates the password rules the server reports, and passes unknown reasons through', () => {
    expect(fieldReason(i18n('ja'), 'must be at least 8 characters')).toBe('8 文字以上にしてください。');
    expect(
      fieldReason(i18n('en'), 'is too common; choose one that is not on lists of leaked passwords'),
    ).toBe(translate('en', 'field.tooCommon'));
    expect(fieldReason(i18n('en'), 'something new')).toBe('something new');
  });

  it('joins every reason for one field, including nested ones', () => {
    const error = new ApiError(
      400,
      body('validation', 'Password …', [
        { field: 'password', reason: 'must be at least 8 characters' },
        { field: 'password', reason: 'must not be the username' },
        { field: 'username', reason: 'taken' },
      ]),
      null,
    );
    expect(fieldErrorText(i18n('en'), error, 'password')).toBe(
      'Must be at least 8 characters. Must not be the same as the username.',
    );
    expect(fieldErrorText(i18n('en'), error, 'email')).toBeUndefined();
  });
});

describe('small formats', () => {
  it('writes countdowns as clocks and waits in words', () => {
    expect(formatClock(65)).toBe('1:05');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(-3)).toBe('0:00');
    expect(formatWait(i18n('en'), 0.2)).toBe('1 s');
    expect(formatWait(i18n('en'), 61)).toBe('2 min');
  });
});

describe('where sign-in returns to', () => {
  it('only ever goes to a path on this site', () => {
    expect(safeNext('/device?code=ABCD-EFGH')).toBe('/device?code=ABCD-EFGH');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('one-time link tokens', () => {
  it('are read from the fragment only', () => {
    expect(tokenFromFragment('#token=abc_DEF-123')).toBe('abc_DEF-123');
    expect(tokenFromFragment('#other=1')).toBeNull();
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#token=')).toBeNull();
  });
});
