import type { auth } from './auth.en';
import type { WithoutSingular } from '../plural';

export const authJa: Record<WithoutSingular<keyof typeof auth>, string> = {
  'signIn.title': 'サインイン',
  'signIn.description': 'Gatehouse にサインインして、AWS アカウントにアクセスします。',
  'signIn.username': 'ユーザー名',
  'signIn.password': 'パスワード',
  'signIn.submit': 'サインイン',
  'signIn.invalid': 'ユーザー名またはパスワードが正しくありません。',
  'signIn.linkRequired':
    '認証アプリがリセットされています。Gatehouse の管理者に登録リンクを依頼してください。そのリンクから新しいパスワードを設定し、新しい認証アプリを登録します。',
  'signIn.help': 'パスワードを忘れた場合や認証アプリを紛失した場合は、Gatehouse の管理者に連絡してください。',
  'signIn.codeTitle': '認証コードを入力',
  'signIn.codeDescription': '認証アプリを開き、Gatehouse に表示されている 6 桁のコードを入力してください。',
  'signIn.recoveryTitle': 'リカバリーコードを使用',
  'signIn.recoveryDescription': '認証アプリの設定時に保存したリカバリーコードのいずれかを入力してください。',
  'signIn.code': '認証コード',
  'signIn.codeHint': '6 桁。空白は無視されます。',
  'signIn.codeInvalid':
    'コードが正しくないか、すでに使用されています。次のコードが表示されてからもう一度お試しください。',
  'signIn.recoveryCode': 'リカバリーコード',
  'signIn.recoveryHint': '各リカバリーコードは 1 回だけ使用できます。',
  'signIn.recoveryInvalid': 'リカバリーコードが正しくないか、すでに使用されています。',
  'signIn.verify': '確認',
  'signIn.useRecovery': '代わりにリカバリーコードを使用',
  'signIn.useTotp': '認証アプリを使用',
  'signIn.startOver': '別のユーザーでサインイン',
  'signIn.expired': 'サインインに時間がかかりすぎました。ユーザー名とパスワードからやり直してください。',
  'signIn.recoveryUsed.other':
    'リカバリーコードでサインインしました。残りは {count} 個です。少なくなったらプロフィールで新しいコードを生成してください。',
  'setup.title': 'Gatehouse のセットアップ',
  'setup.description': '最初の管理者を作成します。続いて認証アプリを設定します。',
  'setup.submit': '管理者を作成',
  'setup.alreadyDone': 'Gatehouse はすでにセットアップ済みです。ご自分のアカウントでサインインしてください。',
  'setup.goToSignIn': 'サインインへ',
  'setup.noTokenHeader': 'セットアップリンクが必要です',
  'setup.noToken':
    'Gatehouse の起動時に表示された 1 回限りのセットアップリンク (末尾が #token=…) を開いてください。有効期限が切れている場合は、Gatehouse を再起動すると新しいリンクが表示されます。',
  'setup.linkInvalid':
    'このセットアップリンクは無効、期限切れ、または使用済みです。Gatehouse を再起動して新しいリンクを表示してください (有効期間は 1 時間です)。',
  'enrolLink.title': 'パスワードの設定',
  'enrolLink.description':
    '管理者があなたの Gatehouse アカウントを作成しました。パスワードを設定して続行してください。',
  'enrolLink.submit': 'パスワードを設定',
  'enrolLink.noTokenHeader': '登録リンクが必要です',
  'enrolLink.noToken':
    '管理者から送られたリンク (末尾が #token=…) をそのまま開いてください。リンクがない場合は、管理者に新しいリンクを依頼してください。',
  'enrolLink.linkInvalid':
    'このリンクは無効、期限切れ、または使用済みです。Gatehouse の管理者に新しい登録リンクを依頼してください。',
  'password.label': 'パスワード',
  'password.new': '新しいパスワード',
  'password.confirm': 'パスワードの確認',
  'password.rules':
    '{n} 文字以上。長いパスフレーズを推奨します。よく使われるパスワードや漏えいしたパスワードは使用できません。',
  'password.mismatch': 'パスワードが一致しません。',
  'user.username': 'ユーザー名',
  'user.usernameHint': 'サインインに使います。英数字と . _ - が無難です。',
  'user.displayName': '表示名',
  'user.email': 'メールアドレス',
  'enrol.title': '認証アプリの設定',
  'enrol.description':
    'Gatehouse では、サインインのたびに認証アプリ (Google Authenticator、Microsoft Authenticator、1Password など) のコードを入力します。',
  'enrol.step1': '1. 認証アプリに Gatehouse を追加',
  'enrol.scan': 'アプリでこの QR コードをスキャンしてください。',
  'enrol.qrAlt': '認証アプリに Gatehouse を追加するための QR コード',
  'enrol.manual': 'スキャンできない場合は、代わりにこのキーをアプリに入力してください (時間ベース、6 桁):',
  'enrol.secretLabel': 'セットアップキー',
  'enrol.copySecret': 'セットアップキーをコピー',
  'enrol.step2': '2. アプリに表示されたコードを入力',
  'enrol.confirm': '確認',
  'enrol.codeInvalid':
    'コードが一致しません。スマートフォンの時刻が自動設定になっているか確認して、もう一度お試しください。',
  'enrol.codesTitle': 'リカバリーコードの保存',
  'enrol.codesDescription':
    '認証アプリの設定が完了しました。認証アプリを紛失した場合は、リカバリーコードで 1 回サインインできます。',
  'enrol.continue': 'Gatehouse へ進む',
  'recovery.onceHeader': 'これらのコードは一度しか表示されません',
  'recovery.onceBody.other':
    '{count} 個のコードをパスワードマネージャーなどの安全な場所に保管してください。各コードは認証コードの代わりに 1 回だけ使用できます。',
  'recovery.listLabel': 'リカバリーコード',
  'recovery.copy': 'コードをコピー',
  'recovery.copied': 'リカバリーコードをコピーしました',
  'recovery.download': 'ダウンロード',
  'recovery.savedCheck': 'リカバリーコードを保存しました',
  'recovery.fileHeader': 'Gatehouse リカバリーコード: {user} ({date} 作成)',
  'recovery.fileFooter':
    '各コードは認証コードの代わりに 1 回だけ使用できます。このファイルは他人に見せないでください。',
  'reauth.password': '現在のパスワード',
  'reauth.code': '認証コード',
  'reauth.passwordWrong': 'パスワードが正しくありません。',
  'reauth.codeWrong': 'コードが正しくありません。認証アプリを確認して、もう一度お試しください。',
  'reauth.codeUsed': 'このコードはすでに使用されています。次のコードをお待ちください。',
};
