import type { revocations } from './revocations.en';
import type { WithoutSingular } from '../plural';

/** 管理画面のユーザーとロールのページに表示する、AWS でのセッション失効。 */
export const revocationsJa: Record<WithoutSingular<keyof typeof revocations>, string> = {
  'admin.revocations.user.title': 'AWS セッション',
  'admin.revocations.user.description':
    'アクセスが取り消されると、Gatehouse は発行済みのセッションを AWS で拒否します。セッションのあったロールごとに 1 件の失効です。',
  'admin.revocations.user.tableLabel': '{username} の AWS セッションの失効',
  'admin.revocations.user.empty': 'このユーザーの AWS セッションは失効されていません。',
  'admin.revocations.role.title': '自動失効',
  'admin.revocations.role.description':
    'アクセスが取り消されたため（ユーザーの無効化、アクセス付与の削除や期限切れ、CLI ログインの失効など）、Gatehouse が自動で AWS で拒否している、このロールのセッション。',
  'admin.revocations.role.tableLabel': '{role} の自動失効',
  'admin.revocations.role.empty': 'このロールのセッションが自動で失効されたことはありません。',
  'admin.revocations.shown': '新しい順に {total} 件中 {shown} 件を表示しています。',

  'admin.revocations.column.role': 'ロール',
  'admin.revocations.column.target': '対象',
  'admin.revocations.column.reason': '理由',
  'admin.revocations.column.scope': '対象のセッション',
  'admin.revocations.column.cutoff': 'この日時より前に発行',
  'admin.revocations.column.status': '状態',
  'admin.revocations.column.nextAttempt': '次の試行',
  'admin.revocations.column.liveSessions': '当時の有効なセッション',
  'admin.revocations.column.applied': '適用日時',
  'admin.revocations.account': 'アカウント {id}',
  'admin.revocations.roleGone': 'Gatehouse に登録されていません',
  'admin.revocations.everyone': '全員',
  'admin.revocations.grant': 'アクセス付与 {id}',
  'admin.revocations.login': 'CLI ログイン {id}',
  'admin.revocations.requestedBy': '実行者: {name}',
  'admin.revocations.requestedByServer': '実行者: Gatehouse',

  'admin.revocations.status.pending': '適用待ち',
  'admin.revocations.status.applied': '適用済み',
  'admin.revocations.status.failing': '失敗（再試行中）',
  'admin.revocations.status.given_up': '再試行を停止',
  'admin.revocations.nextAttempt': '次の試行: {at}',
  'admin.revocations.nextRetry': '次の再試行: {at}',
  'admin.revocations.lastError': '直近のエラー: {error}',
  'admin.revocations.attempts.other': 'これまでに {count} 回試行',
  'admin.revocations.givenUp': 'セッションは {at} に期限切れとなったため、Gatehouse は再試行を停止しました。',

  'admin.revocations.reason.user_disabled': 'ユーザーを無効化',
  'admin.revocations.reason.mfa_reset': '認証アプリをリセット',
  'admin.revocations.reason.grant_deleted': 'アクセス付与を削除',
  'admin.revocations.reason.grant_expired': 'アクセス付与の期限切れ',
  'admin.revocations.reason.membership_removed': 'グループから削除',
  'admin.revocations.reason.cli_login_revoked': 'CLI ログインを失効',
  'admin.revocations.reason.signed_out_everywhere': 'すべての場所でサインアウト',
  'admin.revocations.reason.role_removed': 'ロールを削除',
  'admin.revocations.reason.account_removed': 'AWS アカウントを削除',
  'admin.revocations.reason.account_disabled': 'AWS アカウントを無効化',

  'admin.revocations.scope.role': 'ロールのすべてのセッション',
  'admin.revocations.scope.user': 'ユーザーのすべてのセッション',
  'admin.revocations.scope.grant': '1 件のアクセス付与で発行されたセッション',
  'admin.revocations.scope.grant_user': 'グループへの 1 件のアクセス付与で発行された、ユーザーのセッション',
  'admin.revocations.scope.login': '1 つの CLI ログインで発行されたセッション',

  'admin.revocations.summary.none':
    '失効はありません。Gatehouse がこのユーザーの AWS セッションを遮断する必要はありませんでした。',
  'admin.revocations.summary.noneDisabled':
    'このユーザーは無効で、アクセスが取り消された時点で有効な AWS セッションはありませんでした。AWS で遮断するものはありません。',
  'admin.revocations.summary.cutOff.other':
    'AWS セッションはすべて遮断されています。セッションのあった {count} 個の AWS ロールのすべてが、それらのセッションを拒否しています。',
  'admin.revocations.summary.cutOffExpired.other':
    'AWS セッションはもうどこでも使えません。セッションのあった {count} 個の AWS ロールのうち {denied} 個がそれらのセッションを拒否しており、残りでは拒否を書き込む前にセッションが期限切れになりました。',
  'admin.revocations.summary.outstandingDisabled.other':
    'AWS セッションはまだすべては遮断されていません。{total} 件の失効のうち {count} 件が適用待ちまたは失敗中で、適用されるまで、それらのロールではセッションがまだ使える可能性があります。',
  'admin.revocations.summary.allDone.other':
    '未完了のものはありません。{count} 件の失効はすべて AWS で適用済みか、不要になりました。',
  'admin.revocations.summary.outstanding.other':
    '{total} 件の失効のうち {count} 件が適用待ちまたは失敗中です。適用されるまで、対象のセッションはそれらのロールでまだ使える可能性があります。',
};
