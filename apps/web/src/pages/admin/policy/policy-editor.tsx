/**
 * A JSON editor light enough to need no code-editor dependency: a textarea (so every keyboard,
 * IME and screen reader works as usual) beside a gutter of line numbers that marks the lines with
 * findings. Tab keeps moving focus; long lines scroll sideways so lines and numbers stay aligned.
 */
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import type { Severity } from './policy-model';
import { lineCount, lineOfOffset } from './policy-model';
import './policy-editor.css';

export interface PolicyEditorHandle {
  /** Focuses the text and selects a range (a finding), scrolling it into view. */
  select(offset: number, endOffset: number): void;
}

export const PolicyEditor = forwardRef<
  PolicyEditorHandle,
  {
    value: string;
    onChange: (value: string) => void;
    markers: ReadonlyMap<number, Severity>;
    onCaretLine: (line: number) => void;
    label: string;
    describedBy?: string;
    invalid?: boolean;
  }
>(function PolicyEditor({ value, onChange, markers, onCaretLine, label, describedBy, invalid }, ref) {
  const text = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const [caretLine, setCaretLine] = useState(1);
  const lines = lineCount(value);

  const reportCaret = () => {
    const area = text.current;
    if (!area) return;
    const line = lineOfOffset(area.value, area.selectionStart);
    setCaretLine(line);
    onCaretLine(line);
  };

  useImperativeHandle(ref, () => ({
    select(offset, endOffset) {
      const area = text.current;
      if (!area) return;
      area.focus();
      area.setSelectionRange(offset, Math.max(offset, endOffset));
      // Bring the line near the top third of the box; browsers do not scroll to a selection reliably.
      const line = lineOfOffset(area.value, offset);
      area.scrollTop = Math.max(0, (line - 4) * 20);
      reportCaret();
    },
  }));

  return (
    <div className="gh-policy-editor">
      <div className="gh-policy-editor__gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => {
          const line = i + 1;
          const marker = markers.get(line);
          return (
            <div
              key={line}
              className={`gh-policy-editor__line${line === caretLine ? ' gh-policy-editor__line--current' : ''}`}
            >
              {marker ? (
                <span className={`gh-policy-editor__marker gh-policy-editor__marker--${marker}`} />
              ) : null}
              <span>{line}</span>
            </div>
          );
        })}
      </div>
      <textarea
        ref={text}
        className="gh-policy-editor__text"
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          reportCaret();
        }}
        onSelect={reportCaret}
        onScroll={(event) => {
          if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
        }}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
      />
    </div>
  );
});
