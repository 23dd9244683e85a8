/** Starring a role: shown at once, and undone (with a notice) if the server refuses. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MyAccess } from '@gatehouse/contracts';
import { del, put } from '../../api';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n';
import { useNotify } from '../../components/notifications';
import { ACCESS_KEY } from './access-actions';

function setFavourite(access: MyAccess, roleId: string, on: boolean): MyAccess {
  return {
    ...access,
    accounts: access.accounts.map((account) =>
      account.roles.some((r) => r.roleId === roleId)
        ? { ...account, roles: account.roles.map((r) => (r.roleId === roleId ? { ...r, favourite: on } : r)) }
        : account,
    ),
  };
}

export function useFavouriteToggle() {
  const i18n = useI18n();
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: ({ roleId, on }: { roleId: string; on: boolean }) =>
      on ? put(`/api/me/favourites/${roleId}`, {}) : del(`/api/me/favourites/${roleId}`),
    onMutate: async ({ roleId, on }) => {
      await client.cancelQueries({ queryKey: ACCESS_KEY });
      const before = client.getQueryData<MyAccess>(ACCESS_KEY);
      client.setQueryData<MyAccess>(ACCESS_KEY, (old) => (old ? setFavourite(old, roleId, on) : old));
      return { before };
    },
    onError: (error, _vars, context) => {
      if (context?.before) client.setQueryData(ACCESS_KEY, context.before);
      notify({ id: 'favourite', type: 'error', content: describeError(i18n, error).message });
    },
  });
}
