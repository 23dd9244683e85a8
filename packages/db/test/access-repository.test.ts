// issuanceTarget: everything issuance needs about a grant in one query, the same through the pool
// and through a caller's transaction.
import { describe, expect, it } from 'vitest';
import type { AccessRepository, Tx } from '@gatehouse/core';
import { createTransactionRunner } from '../src/client.js';
import { createAccessRepository } from '../src/access-repository.js';
import { useTestDatabase } from './helpers.js';

const database = useTestDatabase('gh_access', { open: true });

describe('issuanceTarget', () => {
  it('says whether the grant reaches the user and what IAM allows, through the pool or a transaction', async () => {
    const { db } = database;
    const p = db.prisma;
    const [ann, bob] = await Promise.all(
      ['ann', 'bob'].map((username) => p.user.create({ data: { username, displayName: username } })),
    );
    const account = await p.awsAccount.create({
      data: { awsAccountId: '111122223333', name: 'prod', defaultRegion: 'ap-northeast-1' },
    });
    const role = await p.role.create({
      data: {
        accountId: account.id,
        roleName: 'Admin',
        arn: 'arn:aws:iam::111122223333:role/Admin',
        displayName: 'Admin',
        maxSessionSeconds: 14_400,
      },
    });
    const other = await p.role.create({
      data: {
        accountId: account.id,
        roleName: 'ReadOnly',
        arn: 'arn:aws:iam::111122223333:role/ReadOnly',
        displayName: 'Read only',
      },
    });
    const group = await p.group.create({ data: { name: 'ops' } });
    await p.groupMembership.create({ data: { groupId: group.id, userId: ann!.id } });
    const direct = await p.grant.create({
      data: { roleId: role.id, userId: ann!.id, maxSessionSeconds: 7_200, sourceCidrs: ['10.0.0.0/8'] },
    });
    const viaGroup = await p.grant.create({ data: { roleId: other.id, groupId: group.id } });
    await p.roleHealth.create({
      data: { roleId: role.id, status: 'ok', checkedAt: new Date(), iamMaxSessionSeconds: 3_600, report: {} },
    });

    const check = async (access: AccessRepository, tx?: Tx) => {
      const mine = await access.issuanceTarget(direct.id, ann!.id, tx);
      expect(mine).toMatchObject({
        reachesUser: true,
        iamMaxSessionSeconds: 3_600,
        groupName: null,
        grant: { id: direct.id, userId: ann!.id, maxSessionSeconds: 7_200, sourceCidrs: ['10.0.0.0/8'] },
        role: { id: role.id, arn: role.arn, maxSessionSeconds: 14_400 },
        account: { id: account.id, awsAccountId: '111122223333', defaultRegion: 'ap-northeast-1' },
      });
      expect(mine!.grant.createdAt.getTime()).toBe(direct.createdAt.getTime());
      expect((await access.issuanceTarget(direct.id, bob!.id, tx))?.reachesUser).toBe(false);
      expect(await access.issuanceTarget(viaGroup.id, ann!.id, tx)).toMatchObject({
        reachesUser: true,
        iamMaxSessionSeconds: null,
        groupName: 'ops',
        grant: { groupId: group.id, userId: null },
      });
      expect((await access.issuanceTarget(viaGroup.id, bob!.id, tx))?.reachesUser).toBe(false);
      expect(await access.issuanceTarget('00000000-0000-4000-8000-000000000000', ann!.id, tx)).toBeNull();
    };
    await check(createAccessRepository(p, db.pool));
    await check(createAccessRepository(p));
    await createTransactionRunner(p).run((tx) => check(createAccessRepository(p, db.pool), tx));

    // Leaving the group takes effect at once.
    await p.groupMembership.delete({ where: { groupId_userId: { groupId: group.id, userId: ann!.id } } });
    const access = createAccessRepository(p, db.pool);
    expect((await access.issuanceTarget(viaGroup.id, ann!.id))?.reachesUser).toBe(false);
  });
});
