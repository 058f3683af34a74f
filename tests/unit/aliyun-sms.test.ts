/**
 * The Aliyun SMS adapter speaks Dysms `SendSms` as documented: the signature of the documentation's
 * own example (AccessKeyId testId, secret testSecret) comes out as the documentation prints it, and a
 * real request to a local gateway carries every parameter, signed so that the gateway's check holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AliyunSmsProvider, aliyunPercentEncode, aliyunSignature } from '../../server/notify/sms-providers';
import { OutboundHttp } from '../../server/outbound/outbound-http';
import { OutboundPolicy } from '../../server/outbound/outbound-policy';
import { HttpReceiver } from '../support/http-receiver';

describe('Aliyun Dysms SendSms', () => {
  let gateway: HttpReceiver;
  beforeAll(async () => {
    gateway = await HttpReceiver.start();
  });
  afterAll(async () => gateway?.close());

  it('signs the documentation example as documented', () => {
    const params = {
      AccessKeyId: 'testId',
      Action: 'SendSms',
      Format: 'XML',
      OutId: '123',
      PhoneNumbers: '15300000001',
      RegionId: 'cn-hangzhou',
      SignName: '阿里云短信测试专用',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_71390007',
      TemplateParam: '{"customer":"test"}',
      Timestamp: '2017-07-12T02:42:19Z',
      Version: '2017-05-25',
    };
    expect(aliyunSignature(params, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(aliyunPercentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
  });

  it('sends a signed SendSms that the gateway can verify', async () => {
    const provider = new AliyunSmsProvider(
      { accessKeyId: 'AKID', accessKeySecret: 'S3cret', signName: '玉溪政务', endpoint: `${gateway.url}/`, templates: { called: 'SMS_200' } },
      // The test's gateway listens on 127.0.0.1, which only the allow-list opens.
      new OutboundHttp(new OutboundPolicy(['127.0.0.1'])),
      () => Date.UTC(2026, 11, 2, 3, 4, 5, 678),
    );
    await provider.send({ to: '+8613800001234', template: 'called', params: { number: 'A012', window: '7' }, text: '请A012号到7号窗口办理。' });
    const req = gateway.received.at(-1)!;
    expect(req.method).toBe('GET');
    const query = Object.fromEntries(new URL(req.url, gateway.url).searchParams);
    expect(query).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      AccessKeyId: 'AKID',
      PhoneNumbers: '13800001234',
      SignName: '玉溪政务',
      TemplateCode: 'SMS_200',
      TemplateParam: '{"number":"A012","window":"7"}',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      Timestamp: '2026-12-02T03:04:05Z',
      Format: 'JSON',
    });
    const { Signature, ...signed } = query;
    expect(Signature).toBe(aliyunSignature(signed, 'S3cret'));
    gateway.answer = () => 400;
    await expect(provider.send({ to: '13800001234', template: 'called', params: {}, text: '' })).rejects.toThrow(/aliyun sms/);
  });
});
