/** The first administrator: a one-time link printed at start-up while no administrator exists. */
import { AppError } from '../shared/app-error';
import { selfEvent } from '../shared/audit-event';
import { createToken, isWellFormedToken, tokenId } from '../shared/tokens';
import type { RequestContext } from '../shared/request-context';
import type { IdentityDeps, IssuedSession } from './identity-deps';
import { assertAcceptablePassword, hashPassword } from './password';
import { startSession } from './start-session';
import { normaliseUsername, validateUsername } from './usernames';

/** A one-time setup token when no admin exists yet, else null. */
export async function createSetupTokenIfNeeded(
  deps: IdentityDeps,
): Promise<{ token: string; expiresAt: Date } | null> {
  if ((await deps.users.countAdmins()) > 0) return null;
  const token = createToken();
  const expiresAt = new Date(deps.now().getTime() + deps.settings.setupTokenMs);
  await deps.setupTokens.create({ id: tokenId(token), purpose: 'first_admin', userId: null, expiresAt });
  return { token, expiresAt };
}

export async function setupStatus(deps: IdentityDeps): Promise<{ needsSetup: boolean }> {
  return { needsSetup: (await deps.users.countAdmins()) === 0 };
}

export async function completeSetup(
  deps: IdentityDeps,
  input: { token: string; username: string; displayName: string; email?: string | null; password: string },
  ctx: RequestContext,
): Promise<IssuedSession> {
  const username = normaliseUsername(input.username);
  validateUsername(username);
  assertAcceptablePassword(input.password, { username });
  const passwordHash = await hashPassword(input.password);
  const user = await deps.transactions.run(async (tx) => {
    const consumed = isWellFormedToken(input.token)
      ? await deps.setupTokens.consume(tokenId(input.token), 'first_admin', deps.now(), tx)
      : null;
    if (!consumed || (await deps.users.countAdmins(tx)) > 0) {
      throw new AppError('gone', 'This setup link is invalid, expired or already used.');
    }
    if (await deps.users.findByUsername(username, tx)) {
      throw new AppError('conflict', 'That username is taken.', {
        fields: [{ field: 'username', reason: 'taken' }],
      });
    }
    const created = await deps.users.create(
      {
        username,
        displayName: input.displayName.trim(),
        email: input.email ?? null,
        passwordHash,
        isAdmin: true,
      },
      tx,
    );
    await deps.audit.append(selfEvent(created, ctx, 'setup.first_admin', 'success'), tx);
    return created;
  });
  return startSession(deps, user, 'enrolling', ctx);
}
