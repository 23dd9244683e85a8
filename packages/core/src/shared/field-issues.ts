import { AppError, isAppError } from './app-error';
import type { FieldIssue } from './app-error';

/** Collects every problem with a request, so the caller fixes them in one round trip. */
export class FieldIssues {
  readonly list: FieldIssue[] = [];

  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }

  /** Runs a validator that throws `AppError('validation')`, keeping its fields. */
  absorb<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (err) {
      if (isAppError(err) && err.code === 'validation' && err.fields) {
        this.list.push(...err.fields);
        return undefined;
      }
      throw err;
    }
  }

  throwIfAny(prefix = 'Invalid request'): void {
    if (this.list.length === 0) return;
    const summary = this.list.map((i) => `${i.field} ${i.reason}`).join('; ');
    throw new AppError('validation', `${prefix}: ${summary}.`, { fields: [...this.list] });
  }
}
