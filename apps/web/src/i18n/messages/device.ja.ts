import type { device } from './device.en';
import type { WithoutSingular } from '../plural';

export const deviceJa: Record<WithoutSingular<keyof typeof device>, string> = {
  'device.title': 'コマンドラインのサインインを承認',
  'device.description': 'gatehouse コマンドが、ターミナルからあなたとして操作する許可を求めています。',
  'device.codeLabel': 'ターミナルに表示されたコード',
  'device.codeHint': 'BCDF-GHJK のような 8 文字です。',
  'device.continue': '続行',
  'device.requestTitle': 'サインイン要求',
  'device.warning':
    '承認するのは、たった今あなた自身が「gatehouse login」を実行し、下のコードがターミナルのコードと一致する場合だけにしてください。このようなリンクを他人から送られた場合、その人はあなたのアカウントへの侵入を試みています。',
  'device.code': 'コード',
  'device.client': 'プログラム',
  'device.hostname': 'コンピューター',
  'device.ip': 'IP アドレス',
  'device.agent': 'クライアント',
  'device.requested': '要求日時',
  'device.expires': '有効期限',
  'device.codeWhy':
    '承認するとコマンドラインにあなたとしてのアクセスを与えるため、現在の認証コードが必要です。',
  'device.approve': '承認',
  'device.deny': '拒否',
  'device.approved': '承認しました',
  'device.approvedNext': 'ターミナルに戻ってください。gatehouse コマンドはサインイン済みです。',
  'device.denied': '拒否しました',
  'device.deniedNext':
    'コマンドラインのサインインを拒否しました。心当たりがない場合は、パスワードを変更してください。',
  'device.unknownTitle': '不明または期限切れのコード',
  'device.unknown':
    'コード {code} の保留中のサインインはありません。「gatehouse login」をもう一度実行して新しいコードを取得してください。',
  'device.otherCode': '別のコードを入力',
};
