import type { common } from './common.en';
import type { WithoutSingular } from '../plural';

export const commonJa: Record<WithoutSingular<keyof typeof common>, string> = {
  'app.name': 'Gatehouse',
  'app.language': '言語',
  'app.signOut': 'サインアウト',
  'app.profile': 'プロフィール',
  'app.dashboard': 'マイアクセス',
  'app.admin': '管理',
  'app.audit': '監査ログ',
  'app.loading': '読み込み中…',
  'app.error': 'エラーが発生しました: {message}',
  'app.notFound': 'このページは存在しません。',
  'duration.hours': '{h} 時間',
  'duration.minutes': '{m} 分',
  'duration.hoursMinutes': '{h} 時間 {m} 分',
};
