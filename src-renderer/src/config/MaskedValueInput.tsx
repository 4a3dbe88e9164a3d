import { useState } from 'react';

/**
 * A Secret value's input. Uncontrolled on purpose: React writes a controlled input's value into the `value`
 * attribute as well, which would put the secret into the page's HTML; the typed text lives only in the input's
 * property and the editor's memory. Shown as text only while "Show" is on.
 */
export function MaskedValueInput({
  label,
  placeholder,
  describedBy,
  invalid,
  readOnly,
  onChange,
}: {
  label: string;
  placeholder: string;
  describedBy?: string;
  invalid?: boolean;
  readOnly?: boolean;
  onChange: (value: string) => void;
}) {
  const [shown, setShown] = useState(false);
  return (
    <span className="masked-input">
      <input
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        placeholder={placeholder}
        readOnly={readOnly}
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      <button
        type="button"
        className="link-button"
        aria-pressed={shown}
        aria-label={`Show what is typed in ${label}`}
        onClick={() => setShown(!shown)}
      >
        {shown ? 'Hide' : 'Show'}
      </button>
    </span>
  );
}
