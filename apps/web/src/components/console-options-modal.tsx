/** "Open console" somewhere specific: a service page and a region of the account's partition. */
import { useState } from 'react';
import Autosuggest from '@cloudscape-design/components/autosuggest';
import Box from '@cloudscape-design/components/box';
import FormField from '@cloudscape-design/components/form-field';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import type { SelectProps } from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { MyAccount, MyRole } from '@gatehouse/contracts';
import { useI18n } from '../i18n';
import { CONSOLE_SERVICES, SERVICE_PATTERN, regionsOf } from './aws-places';
import { SubmitForm } from './submit-form';

export interface ConsoleTarget {
  service: string | null;
  region: string | null;
}

export function ConsoleOptionsModal({
  account,
  role,
  onCancel,
  onOpen,
}: {
  account: MyAccount;
  role: MyRole;
  onCancel: () => void;
  /** Called inside the submit handler, so the new tab opens on the user's own click. */
  onOpen: (target: ConsoleTarget) => void;
}) {
  const { t, locale } = useI18n();
  const [service, setService] = useState('');
  const defaultOption: SelectProps.Option = {
    value: '',
    label: account.defaultRegion
      ? t('console.regionDefaultNamed', { region: account.defaultRegion })
      : t('console.regionDefault'),
  };
  const [region, setRegion] = useState<SelectProps.Option>(defaultOption);
  const [submitted, setSubmitted] = useState(false);
  const serviceValue = service.trim().toLowerCase();
  const serviceValid = serviceValue === '' || SERVICE_PATTERN.test(serviceValue);

  const submit = () => {
    setSubmitted(true);
    if (!serviceValid) return;
    onOpen({ service: serviceValue || null, region: region.value || null });
  };

  return (
    <Modal visible onDismiss={onCancel} header={t('console.optionsTitle')}>
      <SubmitForm
        onSubmit={submit}
        submitLabel={t('console.open')}
        submitIcon={{ iconName: 'external', iconAlign: 'right' }}
        onCancel={onCancel}
      >
        <SpaceBetween size="m">
          <Box variant="p">
            {t('console.optionsFor', {
              role: role.displayName,
              account: `${account.name} (${account.awsAccountId})`,
            })}
          </Box>
          <FormField
            label={t('console.service')}
            constraintText={t('console.serviceHint')}
            errorText={submitted && !serviceValid ? t('console.serviceInvalid') : undefined}
          >
            <Autosuggest
              value={service}
              onChange={(e) => setService(e.detail.value)}
              options={CONSOLE_SERVICES.map((value) => ({ value }))}
              placeholder="ec2"
              enteredTextLabel={(value) => t('console.serviceUse', { value })}
              empty={t('console.serviceNone')}
              ariaLabel={t('console.service')}
            />
          </FormField>
          <FormField label={t('console.region')}>
            <Select
              selectedOption={region}
              onChange={(e) => setRegion(e.detail.selectedOption)}
              options={[
                defaultOption,
                ...regionsOf(account.partition, locale).map((r) => ({
                  value: r.code,
                  label: r.code,
                  tags: [r.name],
                })),
              ]}
              filteringType="auto"
              filteringAriaLabel={t('console.regionFilter')}
            />
          </FormField>
        </SpaceBetween>
      </SubmitForm>
    </Modal>
  );
}
