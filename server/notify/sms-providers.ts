/**
 * Where text messages go: a generic HTTP provider (POST JSON `{to, template, params, text}` to
 * QMS_SMS_URL), or Aliyun's SMS gateway (Dysms `SendSms`, RPC style, signature method V1.0:
 * HMAC-SHA1 over the sorted, percent-encoded query). A provider throws when the message was not
 * accepted; the notifier retries. Neither logs the number.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { OutboundFailure, type OutboundHttp } from '../outbound/outbound-http';

export type SmsTemplate = 'ahead' | 'called' | 'reminder' | 'code';

export interface SmsMessage {
  to: string;
  template: SmsTemplate;
  params: Record<string, string>;
  /** The whole message as the citizen reads it (zh-CN). */
  text: string;
}

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<void>;
}

const TIMEOUT_MS = 5_000;

/** A provider's failure as the delivery log keeps it: the answer's status, or why there was none (never a socket error). */
async function sendChecked(outbound: OutboundHttp, req: Parameters<OutboundHttp['send']>[0]) {
  try {
    return await outbound.send(req);
  } catch (err) {
    // eslint-disable-next-line preserve-caught-error -- on purpose: the delivery log keeps why in words, never the socket error itself
    throw new Error(err instanceof OutboundFailure ? `sms provider: ${err.message}` : 'sms provider: failed');
  }
}

export class HttpSmsProvider implements SmsProvider {
  readonly name = 'http';
  constructor(
    private readonly url: string,
    private readonly outbound: OutboundHttp,
  ) {}

  async send(message: SmsMessage): Promise<void> {
    const res = await sendChecked(this.outbound, {
      method: 'POST',
      url: this.url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      timeoutMs: TIMEOUT_MS,
    });
    if (res.status < 200 || res.status >= 300) throw new Error(`sms provider answered ${res.status}`);
  }
}

/** RFC 3986 encoding as Aliyun's RPC signature wants it (`encodeURIComponent` leaves !'()* alone). */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The `Signature` of an Aliyun RPC request: Base64(HMAC-SHA1(secret + "&",
 * "GET&%2F&" + percentEncode(sorted "k=v" pairs joined by "&"))), every key and value percent-encoded.
 */
export function aliyunSignature(params: Record<string, string>, accessKeySecret: string, method = 'GET'): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join('&');
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Default https://dysmsapi.aliyuncs.com/ */
  endpoint: string;
  /** Our template → the approved template code (e.g. `SMS_71390007`). */
  templates: Record<string, string>;
}

export class AliyunSmsProvider implements SmsProvider {
  readonly name = 'aliyun';
  constructor(
    private readonly opts: AliyunSmsOptions,
    private readonly outbound: OutboundHttp,
    private readonly now: () => number = Date.now,
  ) {}

  /** The signed query of one `SendSms` (exposed so the format can be checked without a gateway). */
  request(message: SmsMessage, nonce = randomUUID()): Record<string, string> {
    const templateCode = this.opts.templates[message.template];
    if (!templateCode) throw new Error(`no Aliyun template configured for ${message.template}`);
    const params: Record<string, string> = {
      AccessKeyId: this.opts.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: message.to.replace(/^\+?86/, ''),
      RegionId: 'cn-hangzhou',
      SignName: this.opts.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce,
      SignatureVersion: '1.0',
      TemplateCode: templateCode,
      TemplateParam: JSON.stringify(message.params),
      Timestamp: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
    };
    return { Signature: aliyunSignature(params, this.opts.accessKeySecret), ...params };
  }

  async send(message: SmsMessage): Promise<void> {
    const query = Object.entries(this.request(message))
      .map(([k, v]) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(v)}`)
      .join('&');
    const res = await sendChecked(this.outbound, { method: 'GET', url: `${this.opts.endpoint}?${query}`, timeoutMs: TIMEOUT_MS });
    let body: { Code?: string } = {};
    try {
      body = JSON.parse(res.text) as { Code?: string };
    } catch {
      // not JSON: no code
    }
    if (res.status !== 200 || body.Code !== 'OK') throw new Error(`aliyun sms: ${res.status} ${body.Code ?? 'no code'}`);
  }
}
