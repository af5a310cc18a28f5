import type { VerifyOptions } from './document';

/** Single-quoted for the shell, whatever the value holds. */
const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * A copy-paste shell example that signs a sample delivery the way the scheme's senders do and
 * sends it with curl (needs curl and openssl). `secret` is null for scheme `none`, or when the
 * secret is not at hand (the example then says where it goes).
 */
export function curlExample(options: VerifyOptions, url: string, secret: string | null): string {
  const lines = [`URL=${quote(url)}`];
  if (options.scheme !== 'none') lines.push(`SECRET=${quote(secret ?? '<the endpoint secret>')}`);
  const hmacHex = (input: string) => `$(printf '%s' "${input}" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')`;
  const post = (headers: string[]) => [
    'curl -sS -X POST "$URL" -H \'content-type: application/json\' \\',
    ...headers.map((h) => `  -H "${h}" \\`),
    '  --data-raw "$BODY"',
  ];

  switch (options.scheme) {
    case 'standard-webhooks':
      lines.push(
        `BODY='{"type":"test.ping","data":{"hello":"world"}}'`,
        'ID="msg_$(od -An -N8 -tx1 /dev/urandom | tr -d \' \\n\')"; TS=$(date +%s)',
        'HMAC_KEY=$(printf \'%s\' "${SECRET#whsec_}" | base64 -d | od -An -v -tx1 | tr -d \' \\n\')',
        'SIG=$(printf \'%s\' "$ID.$TS.$BODY" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$HMAC_KEY" -binary | base64)',
        ...post(['webhook-id: $ID', 'webhook-timestamp: $TS', 'webhook-signature: v1,$SIG']),
      );
      break;
    case 'github':
      lines.push(
        `BODY='{"zen":"Design for failure.","hook_id":1}'`,
        `SIG=${hmacHex('$BODY')}`,
        ...post(['x-github-event: ping', 'x-github-delivery: $(od -An -N16 -tx1 /dev/urandom | tr -d \' \\n\')', 'x-hub-signature-256: sha256=$SIG']),
      );
      break;
    case 'stripe':
      lines.push(
        `BODY='{"id":"evt_test_'"$(date +%s)"'","object":"event","type":"payment_intent.succeeded","data":{"object":{"id":"pi_test"}}}'`,
        'TS=$(date +%s)',
        `SIG=${hmacHex('$TS.$BODY')}`,
        ...post(['stripe-signature: t=$TS,v1=$SIG']),
      );
      break;
    case 'hmac-sha256': {
      const sig = options.encoding === 'hex'
        ? hmacHex('$BODY')
        : '$(printf \'%s\' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64)';
      lines.push(`BODY='{"hello":"world"}'`, `SIG=${sig}`, ...post([`${options.header}: ${options.prefix}$SIG`]));
      break;
    }
    case 'token':
      lines.push(`BODY='{"hello":"world"}'`, ...post([`${options.header}: ${options.prefix}$SECRET`]));
      break;
    case 'none':
      lines.push(`BODY='{"hello":"world"}'`, ...post([]));
      break;
  }
  return lines.join('\n');
}
