/** The audit area, lazy-loaded by the shell at `/audit/*`. */
import { Route, Routes } from 'react-router';
import Box from '@cloudscape-design/components/box';
import { useI18n } from '../../i18n';
import { AuditPage } from './audit-page';

export default function AuditArea() {
  const { t } = useI18n();
  return (
    <Routes>
      <Route index element={<AuditPage />} />
      <Route path="*" element={<Box variant="p">{t('app.notFound')}</Box>} />
    </Routes>
  );
}
