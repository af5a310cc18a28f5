'use client';

import { startTransition, useActionState, type FormEvent } from 'react';
import { IDLE, type FormAction, type FormState } from './form-state';

/**
 * Submits a form to a server action without React's automatic form reset, so that what was
 * typed stays in place when the server refuses it.
 */
export function useFormAction(action: FormAction): [FormState, (event: FormEvent<HTMLFormElement>) => void, boolean] {
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return [state, onSubmit, pending];
}
