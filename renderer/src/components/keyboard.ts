// Keyboard entry in forms (issue 14): Tab goes from field to field only, Enter moves on to the next field.
// A form marks itself `data-keyboard-form`; each field's input sits in a `data-field-input` wrapper, in visual order.
import { useEffect, type RefObject } from 'react';

/** antd's clear buttons (a <button> in antd 6): reachable by mouse, never a Tab stop. */
const CLEAR_BUTTONS = '.ant-select-clear, .ant-picker-clear, .ant-input-clear-icon';

/**
 * Keep antd's clear (×) buttons out of the Tab order inside `ref`. They come and go with the value (and while
 * typing in a select), so a MutationObserver marks each one as it appears — before the next key press is handled.
 */
export function useNoClearTabStops(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const mark = () => {
      for (const b of root.querySelectorAll<HTMLElement>(CLEAR_BUTTONS)) {
        if (b.tabIndex !== -1) b.tabIndex = -1;
        if (b.getAttribute('aria-label') !== '清除') b.setAttribute('aria-label', '清除');
      }
    };
    mark();
    const obs = new MutationObserver(mark);
    obs.observe(root, { childList: true, subtree: true });
    return () => obs.disconnect();
  }, [ref]);
}

/** The element a field takes focus on: its checked radio (or the first), else its first input. */
function entryPoint(wrapper: Element): HTMLElement | null {
  const radios = [...wrapper.querySelectorAll<HTMLInputElement>('input[type="radio"]:not([disabled])')];
  if (radios.length) return radios.find((r) => r.checked) ?? radios[0];
  return wrapper.querySelector<HTMLElement>('input:not([disabled]):not([type="hidden"]), textarea:not([disabled])');
}

/** Focus the next field after the one holding `from` (`step` -1: the one before); after the last, the form's save button. */
export function focusNextField(from: Element | null, step: 1 | -1 = 1): void {
  const wrapper = from?.closest('[data-field-input]');
  const form = from?.closest('[data-keyboard-form]');
  if (!wrapper || !form) return;
  const all = [...form.querySelectorAll('[data-field-input]')];
  const i = all.indexOf(wrapper);
  const rest = step === 1 ? all.slice(i + 1) : all.slice(0, i).reverse();
  for (const w of rest) {
    const target = entryPoint(w);
    if (target) {
      target.focus();
      return;
    }
  }
  if (step === 1) form.querySelector<HTMLElement>('[data-keyboard-save]')?.focus();
}
