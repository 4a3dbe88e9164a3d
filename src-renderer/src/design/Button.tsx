import type { LucideIcon } from 'lucide-react';
import type { ButtonHTMLAttributes, Ref } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** primary: the one main action of a place; secondary: others; ghost: quiet ones (Cancel); danger: destroys. */
  variant?: ButtonVariant;
  icon?: LucideIcon;
  size?: 'sm' | 'md';
  ref?: Ref<HTMLButtonElement>;
}

export function Button({
  variant = 'secondary',
  icon: Icon,
  size = 'md',
  className,
  children,
  ref,
  ...rest
}: Props) {
  return (
    <button
      type="button"
      ref={ref}
      className={['btn', `btn-${variant}`, size === 'sm' ? 'btn-sm' : '', className ?? '']
        .filter(Boolean)
        .join(' ')}
      {...rest}
    >
      {Icon && <Icon aria-hidden="true" size={size === 'sm' ? 14 : 16} strokeWidth={2} />}
      {children}
    </button>
  );
}
