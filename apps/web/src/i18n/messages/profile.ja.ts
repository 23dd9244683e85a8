import type { profile } from './profile.en';
import type { WithoutSingular } from '../plural';

export const profileJa: Record<WithoutSingular<keyof typeof profile>, string> = {
  'profile.description': 'Gatehouse アカウント、サインイン方法、サインイン中のセッションを管理します。',
  'profile.account': 'アカウント',
  'profile.kind': '権限',
  'profile.administrator': '管理者',
  'profile.member': 'メンバー',
  'profile.noEmail': '未設定',
  'profile.password': 'パスワード',
  'profile.passwordDescription': '変更すると、他のセッションはすべてサインアウトされます。',
  'profile.passwordHint': '現在のパスワードと認証コードで本人確認を行います。',
  'profile.changePassword': 'パスワードを変更',
  'profile.passwordChanged': 'パスワードを変更しました。他のセッションはサインアウトされました。',
  'profile.recovery': 'リカバリーコード',
  'profile.recoveryDescription': '認証アプリが手元にないときにサインインするための 1 回限りのコードです。',
  'profile.recoveryHint':
    '何個か使用した場合や、他人に見られたおそれがある場合は、新しいセットを生成してください。',
  'profile.regenerate': '新しいコードを生成',
  'profile.regenerateWarning': '新しいコードを生成すると、現在のリカバリーコードはすぐに使えなくなります。',
  'profile.mfa': '認証アプリ',
  'profile.mfaDescription': 'サインイン用のコードを表示するアプリです。',
  'profile.mfaHint':
    'スマートフォンを機種変更する場合は、ここでリセットしてすぐに新しい端末を設定してください。',
  'profile.resetMfa': '認証アプリをリセット',
  'profile.everywhereTitle': 'すべての場所からサインアウト',
  'profile.everywhereDescription':
    'あなたのブラウザーのセッションと CLI ログインをすべて終了し、Gatehouse が発行した AWS セッションも終了します。',
  'profile.everywhereWhen':
    '端末を紛失したときや、他の人があなたのアカウントを使っているおそれがあるときに使います。その後はもう一度サインインします。アクセス付与はそのまま残ります。',
  'profile.everywhere': 'すべての場所からサインアウト',
  'profile.everywhereCancel': 'キャンセル',
  'profile.everywhereConfirmTitle': 'すべての場所からサインアウトしますか？',
  'profile.everywhereConfirmBody':
    'このセッションを含むブラウザーのセッションがすべて終了し、CLI ログインもすべて取り消されます。Gatehouse が発行した AWS コンソールのセッションと CLI の認証情報は、数秒以内に AWS で使えなくなります。',
  'profile.resetMfaWarning':
    '現在の認証アプリとリカバリーコードは使えなくなり、あなたのセッションはすべて終了します。続けてすぐに新しい認証アプリを設定します。設定を終えずに離れた場合、再びサインインするには管理者から登録リンクを受け取る必要があります。',
  'profile.sessions': 'サインイン中のセッション',
  'profile.sessionsDescription':
    'あなたとしてサインインしているブラウザです。心当たりのないものは終了し、パスワードを変更してください。',
  'profile.refreshSessions': 'セッションを更新',
  'profile.noSessions': 'セッションはありません。',
  'profile.device': 'デバイス',
  'profile.deviceOn': '{os} 上の {browser}',
  'profile.unknownDevice': '不明なデバイス',
  'profile.thisSession': 'このセッション',
  'profile.ip': 'IP アドレス',
  'profile.signedIn': 'サインイン日時',
  'profile.lastActive': '最終アクティビティ',
  'profile.expires': '終了予定 (最長)',
  'profile.currentHint': '現在使用しているブラウザです。終了するにはサインアウトしてください。',
  'profile.endSession': 'セッションを終了',
  'profile.endSessionFor': 'セッションを終了: {device}、{ip}',
  'profile.sessionEnded': 'セッションを終了しました。',
  'profile.cli': 'コマンドラインのサインイン',
  'profile.cliDescription':
    '「gatehouse login」を実行したコンピューターです。使わなくなったものは取り消してください。',
  'profile.cliNone': 'コマンドラインのサインインはありません。',
  'profile.cliOn': '{host} の {client}',
  'profile.cliCreated': 'サインイン日時',
  'profile.cliLastUsed': '最終使用',
  'profile.cliNeverUsed': '未使用',
  'profile.cliRevoke': '取り消す',
  'profile.cliRevokeFor': '{name} を取り消す',
  'profile.cliRevoked': 'コマンドラインのサインインを取り消しました。',
};
