import { createHmac } from 'node:crypto';

/** 钉钉 custom robot signature: base64(HMAC-SHA256(key = secret, "timestamp\nsecret")). */
export function dingtalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The webhook URL with `timestamp` and the url-encoded `sign` the service checks (within an hour of its clock). */
export function signedDingtalkUrl(url: string, secret: string, timestampMs: number): string {
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestampMs));
  signed.searchParams.set('sign', dingtalkSignature(secret, timestampMs));
  return signed.toString();
}
