/** A form whose primary button submits it, with Enter from any field too, and its other actions beside. */
import type { FormEvent, ReactNode } from 'react';
import Button from '@cloudscape-design/components/button';
import type { ButtonProps } from '@cloudscape-design/components/button';
import Form from '@cloudscape-design/components/form';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../i18n';

export function SubmitForm({
  onSubmit,
  submitLabel,
  loading,
  disabled,
  submitIcon,
  secondary,
  onCancel,
  children,
}: {
  onSubmit: () => void;
  submitLabel: string;
  loading?: boolean;
  /** While a lock or rate limit lasts, say: trying again then only burns attempts. */
  disabled?: boolean;
  submitIcon?: Pick<ButtonProps, 'iconName' | 'iconAlign'>;
  /** Another action, before the primary one; buttons in it need formAction="none". */
  secondary?: ReactNode;
  /** Adds a Cancel link before the primary button. */
  onCancel?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const primary = (
    <Button variant="primary" formAction="submit" loading={loading} disabled={disabled} {...submitIcon}>
      {submitLabel}
    </Button>
  );
  return (
    <form onSubmit={submit} noValidate>
      <Form
        actions={
          secondary || onCancel ? (
            <SpaceBetween size="xs" direction="horizontal">
              {onCancel ? (
                <Button formAction="none" variant="link" onClick={onCancel}>
                  {t('app.cancel')}
                </Button>
              ) : null}
              {secondary}
              {primary}
            </SpaceBetween>
          ) : (
            primary
          )
        }
      >
        {children}
      </Form>
    </form>
  );
}
