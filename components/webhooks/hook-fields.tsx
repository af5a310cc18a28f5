'use client';

import { useId, useState, type ReactNode } from 'react';
import type { SchemeInfo } from '@/lib/hooks/scheme-info';
import styles from './webhooks.module.css';

/** The form's current values, for editing an endpoint. */
export interface HookValues {
  name: string;
  scheme: string;
  eventType: string;
  subject: string;
  header: string;
  prefix: string;
  encoding: string;
  idHeader: string;
  toleranceSeconds: string;
  respondMode: string;
  respondNodeId: string;
  respondWorkflowId: string;
  respondTimeoutMs: string;
}

const EMPTY: HookValues = {
  name: '', scheme: 'standard-webhooks', eventType: '', subject: '', header: '', prefix: '', encoding: 'hex', idHeader: '',
  toleranceSeconds: '', respondMode: 'async', respondNodeId: '', respondWorkflowId: '', respondTimeoutMs: '',
};

/** Where the API reports a problem with each field. */
const PATHS: Record<string, string> = {
  name: 'name', eventType: 'eventType', subject: 'subject', secret: 'verify.secret', header: 'verify.header',
  prefix: 'verify.prefix', encoding: 'verify.encoding', idHeader: 'verify.idHeader', toleranceSeconds: 'verify.toleranceSeconds',
  respondNodeId: 'respond.nodeId', respondWorkflowId: 'respond.workflowId', respondTimeoutMs: 'respond.respondTimeoutMs',
};

function Field({ name, label, hint, errors, wide, children }: {
  name: string; label: string; hint?: ReactNode; errors: Record<string, string>; wide?: boolean;
  children: (props: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = `${useId()}-${name}`;
  const error = errors[PATHS[name] ?? name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`${styles.field} ${wide ? styles.wide : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && <span id={`${id}-hint`} className={styles.hint}>{hint}</span>}
      {error && <span id={`${id}-error`} className={styles.fieldError}>{error}</span>}
    </div>
  );
}

/** The settings of an endpoint: scheme first, then what that scheme needs. */
export function HookFields({ schemes, initial, errors, editing }: {
  schemes: SchemeInfo[]; initial?: Partial<HookValues>; errors: Record<string, string>; editing?: boolean;
}) {
  const values = { ...EMPTY, ...initial };
  const [scheme, setScheme] = useState(values.scheme);
  const [respondMode, setRespondMode] = useState(values.respondMode);
  const info = schemes.find((s) => s.scheme === scheme) ?? schemes[0]!;
  const has = (field: SchemeInfo['fields'][number]) => info.fields.includes(field);

  return (
    <>
      <div className={styles.grid}>
        <Field name="name" label="Name" errors={errors}>
          {(p) => <input {...p} required maxLength={200} defaultValue={values.name} placeholder="e.g. GitHub: acme/api" />}
        </Field>
        <Field name="scheme" label="Verification" errors={errors} hint={info.description}>
          {(p) => (
            <select {...p} value={scheme} onChange={(e) => setScheme(e.target.value)}>
              {schemes.map((s) => <option key={s.scheme} value={s.scheme}>{s.label}</option>)}
            </select>
          )}
        </Field>
        <Field name="eventType" label="Event type" errors={errors}
          hint={<>Fixed (<code>order.placed</code>) or a template over <code>headers</code> and <code>body</code>
            {info.defaultEventType ? <>; blank means <code>{info.defaultEventType}</code></> : null}.</>}>
          {(p) => <input {...p} defaultValue={values.eventType} required={!info.defaultEventType}
            placeholder={info.defaultEventType ?? 'e.g. acme.{{ body.kind }}'} />}
        </Field>
        {info.secret !== 'none' && (
          <Field name="secret" label={info.secret === 'required' ? 'Signing secret' : 'Secret (optional)'} errors={errors}
            hint={info.secret === 'required'
              ? (editing ? 'Blank keeps the current secret.' : 'From the sender\'s dashboard, e.g. Stripe\'s whsec_….')
              : (editing ? 'Blank keeps the current secret.' : 'Blank generates a strong one, shown once.')}>
            {(p) => <input {...p} type="password" autoComplete="off" required={info.secret === 'required' && !editing} />}
          </Field>
        )}
        {has('header') && (
          <Field name="header" label="Header" errors={errors} hint={`Default ${info.defaultHeader}.`}>
            {(p) => <input {...p} defaultValue={values.header} placeholder={info.defaultHeader ?? ''} />}
          </Field>
        )}
        {has('prefix') && (
          <Field name="prefix" label="Prefix" errors={errors} hint={scheme === 'token' ? 'e.g. "Bearer " for an Authorization header.' : 'e.g. sha256='}>
            {(p) => <input {...p} defaultValue={values.prefix} />}
          </Field>
        )}
        {has('encoding') && (
          <Field name="encoding" label="Signature encoding" errors={errors}>
            {(p) => (
              <select {...p} defaultValue={values.encoding}>
                <option value="hex">hex</option>
                <option value="base64">base64</option>
              </select>
            )}
          </Field>
        )}
        {has('idHeader') && (
          <Field name="idHeader" label="Delivery id header (optional)" errors={errors}
            hint="Redeliveries with the same id are duplicates. Blank: a hash of the body is the id.">
            {(p) => <input {...p} defaultValue={values.idHeader} placeholder="e.g. x-request-id" />}
          </Field>
        )}
        {has('toleranceSeconds') && (
          <Field name="toleranceSeconds" label="Timestamp tolerance (s)" errors={errors} hint="Default 300, either way.">
            {(p) => <input {...p} type="number" min={1} max={3600} defaultValue={values.toleranceSeconds} placeholder="300" />}
          </Field>
        )}
      </div>
      {scheme === 'none' && (
        <p className={styles.warning} role="note">
          Unsigned: anyone who learns this endpoint&apos;s URL can put events into the log.
        </p>
      )}
      <details className={styles.more} open={Boolean(values.subject || values.respondMode === 'sync')}>
        <summary>More options</summary>
        <div className={styles.grid}>
          <Field name="subject" label="Subject (optional)" errors={errors} hint={<>A template too, e.g. <code>{'{{ body.repository.full_name }}'}</code>.</>}>
            {(p) => <input {...p} defaultValue={values.subject} />}
          </Field>
          <Field name="respondMode" label="Response" errors={errors}
            hint="Sync waits for a step of the runs the delivery starts and answers with its output.">
            {(p) => (
              <select {...p} value={respondMode} onChange={(e) => setRespondMode(e.target.value)}>
                <option value="async">async: 202 once the event is logged</option>
                <option value="sync">sync: answer with a step&apos;s output</option>
              </select>
            )}
          </Field>
          {respondMode === 'sync' && (
            <>
              <Field name="respondNodeId" label="Step (node id)" errors={errors}>
                {(p) => <input {...p} required defaultValue={values.respondNodeId} placeholder="e.g. reply" />}
              </Field>
              <Field name="respondWorkflowId" label="Workflow id (optional)" errors={errors}>
                {(p) => <input {...p} defaultValue={values.respondWorkflowId} />}
              </Field>
              <Field name="respondTimeoutMs" label="Wait at most (ms)" errors={errors} hint="Default 10000; then 202 with the event id.">
                {(p) => <input {...p} type="number" min={100} max={30000} defaultValue={values.respondTimeoutMs} placeholder="10000" />}
              </Field>
            </>
          )}
        </div>
      </details>
    </>
  );
}
