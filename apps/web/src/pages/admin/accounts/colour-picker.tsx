/** The console's switch-role colours as tiles, plus any other colour as #rrggbb. */
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Tiles from '@cloudscape-design/components/tiles';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../i18n';
import { CONSOLE_COLOURS, consoleColourOf, normaliseColour } from './account-model';
import type { ConsoleColourId } from './account-model';

const NAMES: Record<ConsoleColourId, MessageKey> = {
  red: 'admin.accounts.colour.red',
  orange: 'admin.accounts.colour.orange',
  yellow: 'admin.accounts.colour.yellow',
  green: 'admin.accounts.colour.green',
  blue: 'admin.accounts.colour.blue',
};

export function ColourSwatch({ colour, size = 16 }: { colour: string; size?: number }) {
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: size,
        height: size,
        borderRadius: 4,
        background: normaliseColour(colour) ?? 'transparent',
        border: '1px solid rgba(0, 0, 0, 0.25)',
        verticalAlign: 'middle',
      }}
    />
  );
}

export function ColourPicker({
  value,
  onChange,
  invalid,
  controlId,
}: {
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  controlId?: string;
}) {
  const { t } = useI18n();
  const preset = consoleColourOf(value);
  const custom = normaliseColour(value);
  return (
    <SpaceBetween size="s">
      <Tiles
        value={preset ?? 'custom'}
        onChange={({ detail }) => {
          const chosen = CONSOLE_COLOURS.find((c) => c.id === detail.value);
          onChange(chosen ? chosen.hex : (custom ?? '#1d8102'));
        }}
        columns={3}
        items={[
          ...CONSOLE_COLOURS.map((c) => ({
            value: c.id,
            label: (
              <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                <ColourSwatch colour={c.hex} size={20} />
                <span>{t(NAMES[c.id])}</span>
              </SpaceBetween>
            ),
            description: c.hex,
          })),
          {
            value: 'custom',
            label: t('admin.accounts.colour.custom'),
            description: t('admin.accounts.colour.customHint'),
          },
        ]}
        {...(controlId ? { controlId } : {})}
      />
      {preset === null ? (
        <SpaceBetween direction="horizontal" size="xs" alignItems="center">
          <Input
            value={value}
            onChange={({ detail }) => onChange(detail.value)}
            invalid={invalid ?? false}
            ariaLabel={t('admin.accounts.colour.hexLabel')}
            placeholder="#1d8102"
            spellcheck={false}
          />
          <input
            type="color"
            aria-label={t('admin.accounts.colour.pickLabel')}
            value={custom ?? '#1d8102'}
            onChange={(event) => onChange(event.target.value)}
            style={{ width: 40, height: 32, padding: 0, border: 'none', background: 'none' }}
          />
        </SpaceBetween>
      ) : null}
    </SpaceBetween>
  );
}
