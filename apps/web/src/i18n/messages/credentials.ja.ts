import type { credentials } from './credentials.en';
import type { WithoutSingular } from '../plural';

export const credentialsJa: Record<WithoutSingular<keyof typeof credentials>, string> = {
  'creds.title': 'CLI 認証情報',
  'creds.for': '{account} の {role}',
  'creds.durationLabel': 'セッションの長さ',
  'creds.durationHint': 'このロールでは最大 {max} です。',
  'creds.profileLabel': 'プロファイル名',
  'creds.profileHint': '認証情報ファイル形式と確認コマンドで使用します。英数字と _ . + @ - が使えます。',
  'creds.profileInvalid': '英数字と _ . + @ - で 1〜64 文字にしてください (空白は使えません)。',
  'creds.get': '認証情報を取得',
  'creds.role': '引き受けたロール',
  'creds.expires': '有効期限',
  'creds.expiresIn': '残り {time}',
  'creds.expired': '期限切れです。新しい認証情報を取得してください。',
  'creds.duration': 'セッションの長さ',
  'creds.clamped': '許可されている最大時間 ({max}) に短縮されました。',
  'creds.formats': '認証情報の形式',
  'creds.format.env': 'bash / zsh',
  'creds.format.fish': 'fish',
  'creds.format.powershell': 'PowerShell',
  'creds.format.windowsCmd': 'Windows cmd',
  'creds.format.ini': '認証情報ファイル',
  'creds.format.process': 'credential_process (JSON)',
  'creds.format.dotenv': '.env',
  'creds.help.env': 'ターミナルに貼り付けてください。変数はこのシェルでのみ有効です。',
  'creds.help.fish': 'fish シェルに貼り付けてください。変数はこのシェルでのみ有効です。',
  'creds.help.powershell': 'PowerShell に貼り付けてください。変数はこのウィンドウでのみ有効です。',
  'creds.help.windowsCmd': 'コマンドプロンプトに貼り付けてください。変数はこのウィンドウでのみ有効です。',
  'creds.help.ini':
    '~/.aws/credentials (Windows では %UserProfile%\\.aws\\credentials) に追加し、古い [{profile}] セクションがあれば置き換えてから、--profile {profile} を指定して使用してください。',
  'creds.help.process':
    'credential_process プログラムが出力する JSON です。これを呼び出すスクリプトやツール向けです。上に表示された有効期限まで使えます。',
  'creds.help.dotenv':
    '.env ファイルを読み込むツール向けです。このファイルは絶対にコミットしないでください。',
  'creds.codeLabel': '{format} 形式の認証情報',
  'creds.copy': '{format} をコピー',
  'creds.checkTitle': '動作の確認',
  'creds.checkHelp': '認証情報を貼り付けた場所で次のコマンドを実行してください:',
  'creds.checkExpect': '結果の Arn が {arn} であれば正しく設定されています。',
  'creds.copyCheck': 'コマンドをコピー',
};
