// The HR-tool simulators themselves (sandbox/feishu, sandbox/dingtalk, sandbox/wecom), checked
// against ../shared/specs/hr-tools.md: first the spec's vectors reproduced by each simulator's own
// crypto (expected values copied from the spec), then behaviour against a stand-in for the hub
// that verifies and decrypts with test-side crypto (test/support/hr-tool-crypto.ts): sends stored
// once per idempotency key, clicks that verify and decrypt, answers timed against each deadline,
// redelivery, duplicates, mis-signing, approvals, response codes and the pages.
import { feishuBody, feishuDecrypt, feishuEncrypt, feishuKey, feishuSignature } from '../sandbox/feishu/feishu-crypto';
import { startFeishuSimulator, type FeishuSimulator } from '../sandbox/feishu/feishu-simulator';
import { bizMsgDecrypt, bizMsgEncrypt, bizMsgKey, bizMsgSignature } from '../sandbox/hr-kit/biz-msg-crypt';
import { pushPayload } from '../sandbox/dingtalk/dingtalk-pushes';
import { startDingTalkSimulator, type DingTalkSimulator } from '../sandbox/dingtalk/dingtalk-simulator';
import { templateCardEventXml } from '../sandbox/wecom/wecom-callbacks';
import { startWeComSimulator, type WeComSimulator } from '../sandbox/wecom/wecom-simulator';
import { bizOpen, bizSeal, bizSign, dingTalkSuccess, feishuOpen, feishuSign } from './support/hr-tool-crypto';
import { startHrToolReceiver, type HrToolReceiver, type ReceivedCallback } from './support/hr-tool-receiver';

// ---- the spec's vectors (§1.5, §2.6, §3.6), copied from the spec ----
const F = { encryptKey: 'hb-feishu-encrypt-key-001', verificationToken: 'hb-feishu-verif-token-001', appId: 'cli_a1b2c3d4e5f6a7b8' };
const F1_PLAIN = '{"challenge":"3a1c9e52-7b4d-4f08-9e6a-1d2b3c4d5e6f","token":"hb-feishu-verif-token-001","type":"url_verification"}';
const F1_ENC = 'AAECAwQFBgcICQoLDA0OD3m25mq+viwC/0EwV7apBm9ETwMV1Wlw86HEJ5UkfUwgpNeBJjJzaOpkkHK4eC1TjfOG42X8/3mFWpE49jqDJSR3muw6jx4/wCDDmvthcL+Yj8OOKwYGuwFOWbqB9Bobz5MJmlAwgcesKAA/ooVt4UQlmjz5XXMTDQZ6x/UedWkU';
const F2_PLAIN = '{"schema":"2.0","header":{"event_id":"f3b2c1d0e9a8b7c6d5e4f3a2b1c0d9e8","token":"hb-feishu-verif-token-001","create_time":"1795570199512","event_type":"card.action.trigger","tenant_key":"2ed263bf32cf1651","app_id":"cli_a1b2c3d4e5f6a7b8"},"event":{"operator":{"tenant_key":"2ed263bf32cf1651","user_id":"hr_zhangwei","open_id":"ou_7d8a6e6df7621556ce0d21922b676706","union_id":"on_9a1f3b5c7d9e1a3b5c7d9e1f3a5b7c9d"},"token":"c-0f1e2d3c4b5a69788796a5b4c3d2e1f0","action":{"value":{"hb":"1","rid":"rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9","act":"approve"},"tag":"button"},"host":"im_message","context":{"open_message_id":"om_5ce6d572455d361153b7cb51da133945","open_chat_id":"oc_a0553eda9014c201e6969b478895c230"}}}';
const F2_ENC = 'EBESExQVFhcYGRobHB0eH77CBRd8Mp+VwN8GHbIcudy4ofEKzAsA1r4+XYY8I6DK7aKMfPTiUkqaDHUr25R0T0XAvgaCynjDJoyXXuDnobFbvCneBzrerYVxsM+EXAl+5RUvaswOZnbu33MckSQHGxCwWq5SKWp8AHtYwhEW9dHAIdrrU4tFqgdDQtzbBCRVPSuho9kpiqwJRkvqOE170+ssBx8pD7dAaFLdCUxJWfN7AJ0rkVUU6P08ffK7vj/9fNqeCoiuucReVS297NJ5363PvPCySlS5PPFF2bOw0z3bUeNuZhCCctp7n7vKqwCeeTcppBDnI1lmf2fdGv6DdrdeYbMl99+V0Kxk6vP4jDf5QkklkHQvRFY5eBFBk+hR2qdgFGd5gdAcmyk9PXxrnzhCr4Vv67nGHlrbnYLiLNFPiMq9C4tA7JFo79gVAW3EkEFKUkwvvp86MTSTDi8VGdZKDRrcWtNbJK4n6RdP8NGh5VvhUzQvgmPTBd53TzBV/Knyn5r92BMQzeOXd2IVbup8ykbZ9beLgTXx5mnIbvwAQ51ZeAHM1oXItd1rqHARIOvLMN2pO0fIO/naKGtG3cYLvM7oO8ekjNj9JH5E27H5pNbGgK0ZK+30cBSwWgHoCxaF4MsS19DALSSLUw9wBo+2ssEPGhLlSbxUxjHa3m39rJTMrG5955XVVztFXe0CxgDPU6FvxTgGi+JyyQjJp+ROq4MvrPenTl6r+QPNuuBg2GbHcc1KJkZJb42t9FcEHp+OcuOwT0f4cVEFcxBABq1yIQrn4AYLEM8W+0V/KNgBbKda5wq5JS8FBmqB56L0EU52y1M++qvA8V5Q3V1Ko9kf8IV7JYeb0sniYMsLXN2NuyaBC5z0xagwN1I2OlEdet2tlAPOICpZxEMEsN7Od7zEzCFMpImooBcIqWZqMUsMtKUM0vpTgBoTaf6OhKiC';
const D = { token: 'hbDingToken2026', aesKey: 'hB7kQ2mN9pR4sT6vX8zA1cE3gJ5lO0qU2wY4bD6fH8k', ownerKey: 'dingyqhmxe6u3c4s3wtd', corpId: 'dingd8e1123006514592' };
const D0_ENC = '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3';
const D1_ENC = 'DlEOsZR2KFPAix9q5ajuWxeZ+SwGZ+aI1/yuGaziMY1k5tEsWeWvvmK9wv0qUnUsc48x62AvBfdSEP4gIvYuhFjUJrKWdn3n7j9h0lAWliXOI+WBfeV7wuVe7sdZevK8';
const D2_ENC = 'u2FdbXZ9i+xB/Emf2wnhYrM1QDuVHFqV8KmAP3GvJlS++Qh1H7ZtLGjifqjyV82XCBPoC2nEttpSosONZ+HGgQ==';
const D3_MSG = '{"EventType":"bpms_task_change","EventTime":1795570199321,"CorpId":"dingd8e1123006514592","BizId":"1795570199321","eventId":"8c1f0a2b3c4d4e5f9a8b7c6d5e4f3a2b","processInstanceId":"kNpmUavZQwSHP_ZJvVdL7g01761795570","processCode":"PROC-HB-REVIEW-0001","type":"finish","result":"agree","remark":"形象好，沟通顺畅","staffId":"0621371839441234","taskId":87412566001,"title":"AI面试复核：张三 · 门店促销员","createTime":1795569900000,"finishTime":1795570199000,"businessId":"202611251130000123"}';
const D3_ENC = '/MYP6Fkb64+qvLQKDBinW2v2H20WSL1QQQOS1E6M/8pESTL30FaN47NTLmScD8JRoIYLjDDOBehGLwof7jW0j2MqUj1ZsCfp++lwxegsOeF0e4ue/DUsF4V54l+/UOH8mvLtXm5OwYCrYpaNFAPXdxg6Ug1HdrS7RJr2OfPpu8MLRHE74ySt6xjZFHW7P7Of9pK0DUjbu0XXulcg2aVBHqBSIenAGmyvIk+4ScFqFeuS5Xr8x73ynd4jTkFr2gtwS8y9TrnxJaB2IEZd5hgopveJw2ISnCn+Si8qAl9WDFXXGha7XM+DZKneqohLd/PPNUniD1YtkkEQeLv8DgaBehS4Hmgc4JaALLwl/GmKToC8Js59lLjY4nhg5wWqp6T7uAcnsKf+8lLJ02kw0DZQ5wwAiQlgWxy+LxESkRTfEWft0JLICIsWFpVai43LjqMpkXFwdEtQU1p9bvlMPLNcJxIWqSCYAGN+PGg281qoEfZtuq2Bk8YZWV9ZD6oVb25AA4IGhScRPF8UKuDDJX090KuuXfm574Rx01QSuVWy4HSrT0eacxOKvohyfWS3fkFXsGWbd4J6TFXrpnd5lNNEr71COl2T4bnuFBCaoFyjPe9juqFOChjBCv5+dGijH6S3DLXa4NK01Wm7Hub3Oc4ROnU4PMfOvNnLyi64ZvQw+8urlg+tqtx09sKGyABXkEt9jGFDJh5c3WBkmD8nWHyGlGiTGmCCpfvTF6hH0HLT79jP5gdGNhq3LIc3e0SzM75/';
const W = { token: 'hbWeComToken2026', encodingAESKey: 'Rk3vT8yB2nM6qW9eA4sD7fG1hJ5kL0zX3cV8bN2mQ6r', corpId: 'ww4fe6c03d9a1b2c3d', agentId: 1000005 };
const W1_ENC = 'XwdnY6OUI63qsnsyH23gCofXLq6UaXRBjhmJnpedprniobeWKICe5uCotnBnnq9ejS2xD76S/wXMZh+6IoHE3Q==';
const W2_MSG = '<xml><ToUserName><![CDATA[ww4fe6c03d9a1b2c3d]]></ToUserName><FromUserName><![CDATA[LiNa]]></FromUserName><CreateTime>1795570260</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[reject]]></EventKey><TaskId><![CDATA[hb-rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9-1]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc_9Hk2Lm4Np6Qr8St0Uv2Wx4Yz]]></ResponseCode><AgentID>1000005</AgentID></xml>';
const W2_ENC = 'H+gzQ8LhhfBfKoGrvwxH94ws3NjhMyPGCPpO6BCbchI2IDH86k24jXl5FZFKd/dkS8/zlUF+96ApewR+qmyPmog4T4gn9dCxPMRu6tPOcw8ViKUpcBF8VEwKdXnmuhE3H8nhQ/CMQ5leq2AuDSxNRE6Pwe/iQCPUhAq0/32GTH+SnWptTKTs17w0L2nLZuOybF6b5dhOTAdjwAh4rg8ehUD6zM1mM3wCC5HzrmC0YEPSGOXFwo3k2z3WaKyojt2GjWa83vi8GrbFRgydp18nUAstIDka61Vft8DPjQO1/EZAXArFla8naskgEQaDRhjiZgNdWEwfowMMGDspe4E6mBTWn7cvNgto+eLd7P7dWT+iwCUYJke/tiZmxz/q6qeur7LkEKWaV5Osca6wU2TEZUHIHCdSa8TBg6twdaJLR/jcRsZIgfRMisagiNQRvFasM8klzXTApCyWMVHH5KP8stflCbUwCjWMOlP2EwTiYgzqE70owihd1Qro3FiAOoX9sxhjM5g5+SZIhg0MdPPjix4Qo2yZbno+nOjIwtd5vReAoOHxeLO0Ol8QR4MqJWY9ZPwtZ8Z/7AjKre1vwblkoYbxILXPQBTbUXUPeuG0ucI471RQKFUc86C4YyJqvQwWM/NOhPM112ocdju+6HMqTrvM7CcceQtM9RPDSym6QDcO17CVEtEuEL78uKWytvDSmD3W3yS96nX4wRE1up0UnQ==';

describe('spec vectors, reproduced by the simulators\' own crypto', () => {
  it('Feishu F0–F3', () => {
    expect(feishuDecrypt('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
    expect(feishuKey(F.encryptKey).toString('hex')).toBe('2658d6e56ade6a2ca93b24ab4d56476bfdb519227c6ddb63cb9a68b3857d70a4');
    const f1 = feishuEncrypt(F.encryptKey, F1_PLAIN, Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'));
    expect(f1).toBe(F1_ENC);
    expect(feishuSignature('1795570100', '8472016395', F.encryptKey, feishuBody(f1))).toBe('5dff473a25a3621ccb8b76fb51a666d9304a567a3ee4a3afc2846bd296b7ddd9');
    const f2 = feishuEncrypt(F.encryptKey, F2_PLAIN, Buffer.from('101112131415161718191a1b1c1d1e1f', 'hex'));
    expect(f2).toBe(F2_ENC);
    expect(feishuDecrypt(F.encryptKey, F2_ENC)).toBe(F2_PLAIN);
    expect(feishuSignature('1795570200', '1093412561', F.encryptKey, feishuBody(f2))).toBe('2be5ea45e4e3929e8be471280569b4443989ad2f892018141a9d630759d97dd0');
    const f3Body = `{"encrypt" :"${F2_ENC}"}`;
    expect(feishuSignature('1795570200', '1093412561', F.encryptKey, f3Body)).toBe('382ba4768fbb9d3543819b11ae7a18c75a2e1dd373f26633763c0ca7ab9f0492');
  });

  it('DingTalk D0–D3', () => {
    expect(bizMsgSignature('mryue', '1608001896814', 'WL4PK6yA', D0_ENC)).toBe('03044561471240d4a14bb09372dfcfd4fd0e40cb');
    expect(bizMsgDecrypt('Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7', D0_ENC)).toMatchObject({ msg: '{"EventType":"check_url"}', ownerKey: 'ding6ccabc44d2c8d38b' });
    expect(bizMsgKey(D.aesKey).toString('hex')).toBe('841ee443698df69478b13eaf5fccc0d5c137809e653b4a94db06386c3e9f1fc9');
    const d1 = bizMsgEncrypt(D.aesKey, D.ownerKey, '{"EventType":"check_url"}', Buffer.from('ABCDEFGHabcdefgh'));
    expect(d1).toBe(D1_ENC);
    expect(Buffer.from(d1, 'base64')).toHaveLength(96);
    expect(bizMsgSignature(D.token, '1795570200123', 'Xq3pL9sa', d1)).toBe('a6ba3206ed7d60455a95c94015752af5291fadda');
    const d2 = bizMsgEncrypt(D.aesKey, D.ownerKey, 'success', Buffer.from('1234567890abcdef'));
    expect(d2).toBe(D2_ENC);
    expect(bizMsgSignature(D.token, '1795570200456', '9f8e7d6c5b4a3928', d2)).toBe('1baa521515d844a2f7a06ee2bf20e922f3e3b68f');
    expect(Buffer.byteLength(D3_MSG)).toBe(511);
    const d3 = bizMsgEncrypt(D.aesKey, D.ownerKey, D3_MSG, Buffer.from('q1w2e3r4t5y6u7i8'));
    expect(d3).toBe(D3_ENC);
    expect(bizMsgSignature(D.token, '1795570200789', 'Hn4Kd8Zp', d3)).toBe('4f59177f0b25b79250d75c0db452cf3094e86cf6');
    // Bound to the appKey: a hub configured with ownerKey dingWRONG sees another owner.
    expect(bizMsgDecrypt(D.aesKey, D3_ENC).ownerKey).not.toBe('dingWRONG');
  });

  it('DingTalk pushes use the D3 field order', () => {
    const d3 = JSON.parse(D3_MSG) as Record<string, unknown>;
    const instance = {
      instanceId: d3.processInstanceId, processCode: d3.processCode, title: d3.title, businessId: d3.businessId, createTime: d3.createTime,
    } as never;
    const task = { taskId: d3.taskId, userId: d3.staffId, createTime: d3.createTime, finishTime: d3.finishTime } as never;
    const payload = pushPayload({ corpId: D.corpId } as never, {
      EventType: 'bpms_task_change', type: 'finish', result: 'agree', remark: '形象好，沟通顺畅', staffId: String(d3.staffId), task, instance, at: Number(d3.EventTime),
    }, false);
    expect(Object.keys(payload)).toEqual(Object.keys(d3));
    expect({ ...payload, eventId: d3.eventId }).toEqual(d3);
  });

  it('WeCom W0–W2', () => {
    expect(bizMsgSignature('hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', '1476416373', '47744683', 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA=='))
      .toBe('012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb');
    expect(bizMsgDecrypt('6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA=='))
      .toMatchObject({ msg: '1288432023552776189', ownerKey: 'ww1436e0e65a779aee' });
    expect(bizMsgKey(W.encodingAESKey).toString('hex')).toBe('464def4fcc81da733aa96f5e038b03edf1b5849e642f4cd7ddc57c6cdda643aa');
    const w1 = bizMsgEncrypt(W.encodingAESKey, W.corpId, '6302841771925813209', Buffer.from('0000111122223333'));
    expect(w1).toBe(W1_ENC);
    expect(encodeURIComponent(w1)).toBe('XwdnY6OUI63qsnsyH23gCofXLq6UaXRBjhmJnpedprniobeWKICe5uCotnBnnq9ejS2xD76S%2FwXMZh%2B6IoHE3Q%3D%3D');
    expect(bizMsgSignature(W.token, '1795570200', '1372623149', w1)).toBe('5a4b0a09a6726d0905c3e0cb23caf6a99200d6a4');
    const xml = templateCardEventXml({
      corpId: W.corpId, userId: 'LiNa', createTime: 1795570260, key: 'reject', taskId: 'hb-rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9-1',
      cardType: 'button_interaction', responseCode: 'rc_9Hk2Lm4Np6Qr8St0Uv2Wx4Yz', agentId: W.agentId,
    });
    expect(xml).toBe(W2_MSG);
    expect(Buffer.byteLength(xml)).toBe(475);
    const w2 = bizMsgEncrypt(W.encodingAESKey, W.corpId, xml, Buffer.from('abcdefghijklmnop'));
    expect(w2).toBe(W2_ENC);
    expect(bizMsgSignature(W.token, '1795570261', '1597212914', w2)).toBe('0ac00ae91e7f523ededaa236122caf48b1056c7a');
  });

  it('the test-side crypto agrees with the same vectors (so the behaviour tests below check the spec)', () => {
    expect(feishuOpen(F.encryptKey, F2_ENC)).toBe(F2_PLAIN);
    expect(feishuSign('1795570200', '1093412561', F.encryptKey, `{"encrypt":"${F2_ENC}"}`)).toBe('2be5ea45e4e3929e8be471280569b4443989ad2f892018141a9d630759d97dd0');
    expect(bizOpen(D.aesKey, D3_ENC)).toEqual({ random: 'q1w2e3r4t5y6u7i8', msg: D3_MSG, receiveId: D.ownerKey });
    expect(bizSeal(W.encodingAESKey, W.corpId, W2_MSG, Buffer.from('abcdefghijklmnop'))).toBe(W2_ENC);
    expect(bizSign(W.token, '1795570261', '1597212914', W2_ENC)).toBe('0ac00ae91e7f523ededaa236122caf48b1056c7a');
  });
});

// ---- the hub stand-in: verifies with the test-side crypto ----
let hub: HrToolReceiver;
beforeAll(async () => { hub = await startHrToolReceiver(); });
afterAll(async () => { await hub.close(); });

const json = (body: unknown) => ({ status: 200, body: JSON.stringify(body), contentType: 'application/json' });

function feishuVerified(r: ReceivedCallback): { signatureOk: boolean; event: any } {
  const ts = String(r.headers['x-lark-request-timestamp']);
  const nonce = String(r.headers['x-lark-request-nonce']);
  const signatureOk = feishuSign(ts, nonce, F.encryptKey, r.body) === r.headers['x-lark-signature'];
  return { signatureOk, event: JSON.parse(feishuOpen(F.encryptKey, (JSON.parse(r.body) as { encrypt: string }).encrypt)) };
}

const FEISHU_TENANT = { tenantId: 't_feishu', appId: F.appId, appSecret: 'feishu-secret-01', verificationToken: F.verificationToken, encryptKey: F.encryptKey,
  users: [{ openId: 'ou_zhangwei', userId: 'hr_zhangwei', unionId: 'on_zhangwei', name: '张伟' }, { openId: 'ou_wangfang', name: '王芳' }] };

function reviewCard(rid: string, shared = true) {
  return {
    config: { wide_screen_mode: true, update_multi: shared },
    header: { template: 'blue', title: { tag: 'plain_text', content: 'AI面试复核：张三 · 门店促销员' } },
    elements: [
      { tag: 'div', text: { tag: 'lark_md', content: '**综合分** 82/100' } },
      { tag: 'action', actions: ['approve', 'reject', 'reinterview'].map((act, i) => ({
        tag: 'button', type: ['primary', 'danger', 'default'][i], text: { tag: 'plain_text', content: ['通过', '不通过', '再面一次'][i] }, value: { hb: '1', rid, act },
      })) },
    ],
  };
}

describe('Feishu simulator', () => {
  let sim: FeishuSimulator;
  let token: string;
  const api = async (method: string, path: string, body?: unknown, bearer: string | null = token) => {
    const res = await fetch(`${sim.url}${path}`, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json; charset=utf-8', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    });
    return { status: res.status, json: await res.json() as any };
  };
  const send = (receiveId: string, content: unknown, uuid?: string) =>
    api('POST', '/open-apis/im/v1/messages?receive_id_type=open_id', { receive_id: receiveId, msg_type: 'interactive', content: JSON.stringify(content), ...(uuid ? { uuid } : {}) });

  beforeEach(async () => {
    sim = await startFeishuSimulator({ hubUrl: hub.url, tenants: [FEISHU_TENANT], answerDeadlineMs: 600 });
    const t = await api('POST', '/open-apis/auth/v3/tenant_access_token/internal', { app_id: F.appId, app_secret: 'feishu-secret-01' }, null);
    expect(t).toMatchObject({ status: 200, json: { code: 0, msg: 'ok', expire: 7200 } });
    token = t.json.tenant_access_token;
    hub.answer('feishu', (r) => {
      const { event } = feishuVerified(r);
      return event.type === 'url_verification' ? json({ challenge: event.challenge }) : json({ toast: { type: 'success', content: '已通过：张三' } });
    });
  });
  afterEach(async () => { await sim.close(); });

  it('checks credentials and tokens as Feishu does', async () => {
    expect((await api('POST', '/open-apis/auth/v3/tenant_access_token/internal', { app_id: F.appId, app_secret: 'wrong' }, null)).json.code).toBe(10014);
    expect((await api('POST', '/open-apis/auth/v3/tenant_access_token/internal', { app_id: 'cli_nobody', app_secret: 'x' }, null)).json.code).toBe(10003);
    expect(await send('ou_zhangwei', reviewCard('rv_1')).then((r) => r.json.code)).toBe(0);
    expect((await api('POST', '/open-apis/im/v1/messages?receive_id_type=open_id', {}, null)).json.code).toBe(99991661);
    expect((await api('POST', '/open-apis/im/v1/messages?receive_id_type=open_id', {}, 't-forged')).json.code).toBe(99991663);
    sim.expireTokens();
    expect((await send('ou_zhangwei', reviewCard('rv_2'))).json.code).toBe(99991663);
  });

  it('stores one message per uuid, and refuses bad uuids, personal data and oversized cards', async () => {
    const a = await send('ou_zhangwei', reviewCard('rv_1'), 'u'.repeat(32));
    const b = await send('ou_zhangwei', reviewCard('rv_1'), 'u'.repeat(32));
    expect(a.json.code).toBe(0);
    expect(b.json.data.message_id).toBe(a.json.data.message_id);
    const c = await send('ou_zhangwei', reviewCard('rv_1'), 'v'.repeat(32));
    expect(c.json.data.message_id).not.toBe(a.json.data.message_id);
    expect(sim.messages()).toHaveLength(2);
    expect(sim.message(a.json.data.message_id)).toMatchObject({ sends: 2, openId: 'ou_zhangwei', msgType: 'interactive' });
    expect((await send('ou_zhangwei', reviewCard('rv_1'), 'x'.repeat(51))).json.code).toBe(99992402);
    const withPhone = reviewCard('rv_1');
    withPhone.elements[0] = { tag: 'div', text: { tag: 'lark_md', content: '电话 13812345678' } };
    expect((await send('ou_zhangwei', withPhone)).json.code).toBe(230028);
    expect((await send('ou_zhangwei', { elements: [{ tag: 'div', text: { tag: 'plain_text', content: '长'.repeat(11_000) } }] })).json.code).toBe(230025);
    expect(sim.messages()).toHaveLength(2);
  });

  it('runs url_verification and a click the hub can verify and decrypt, and records the answer and latency', async () => {
    const v = await sim.verifyCallbackUrl(FEISHU_TENANT.tenantId);
    expect(v.attempts[0]).toMatchObject({ ok: true, status: 200, deadlineMs: 1000, deadlineMet: true });
    const sent = await send('ou_zhangwei', reviewCard('rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9'), 'a'.repeat(32));
    const messageId = sent.json.data.message_id as string;

    const d = await sim.click({ messageId, button: 'approve' });
    const r = hub.of('feishu').at(-1)!;
    expect(r.method).toBe('POST');
    expect(r.tenantId).toBe('t_feishu');
    expect(r.headers['content-type']).toMatch(/application\/json/);
    expect(r.body).toMatch(/^\{"encrypt":"[A-Za-z0-9+/=]+"\}$/);
    expect(Math.abs(Number(r.headers['x-lark-request-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
    const { signatureOk, event } = feishuVerified(r);
    expect(signatureOk).toBe(true);
    expect(event).toMatchObject({
      schema: '2.0',
      header: { token: F.verificationToken, event_type: 'card.action.trigger', app_id: F.appId },
      event: {
        operator: { open_id: 'ou_zhangwei', user_id: 'hr_zhangwei', union_id: 'on_zhangwei' },
        action: { tag: 'button', value: { hb: '1', rid: 'rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9', act: 'approve' } },
        context: { open_message_id: messageId },
      },
    });
    expect(event.header.event_id).toMatch(/^[0-9a-f]{32}$/);
    expect(event.event.token).toMatch(/^c-/);
    expect(d.attempts[0]).toMatchObject({ ok: true, status: 200, deadlineMs: 600, deadlineMet: true, answer: { toast: { type: 'success' } } });
    expect(d.attempts[0]!.latencyMs).toBeLessThan(600);
    expect(sim.message(messageId)!.toasts.at(-1)).toMatchObject({ userId: 'ou_zhangwei', toast: { type: 'success', content: '已通过：张三' } });

    // As another user, by button index, with a fixed event_id.
    await sim.click({ messageId, userId: 'ou_wangfang', button: 1, eventId: 'f3b2c1d0e9a8b7c6d5e4f3a2b1c0d9e8' });
    const other = feishuVerified(hub.of('feishu').at(-1)!).event;
    expect(other.header.event_id).toBe('f3b2c1d0e9a8b7c6d5e4f3a2b1c0d9e8');
    expect(other.event.operator).toEqual({ tenant_key: expect.any(String), open_id: 'ou_wangfang' });
    expect(other.event.action.value.act).toBe('reject');
  });

  it('duplicates, mis-signs, tampers and delays on request; late or card-carrying answers fail the click', async () => {
    const messageId = (await send('ou_zhangwei', reviewCard('rv_1'))).json.data.message_id as string;
    const before = hub.of('feishu').length;
    sim.injectCallbackFault({ kind: 'duplicate' });
    const d = await sim.click({ messageId, button: 0 });
    await sim.callbacksIdle(5000);
    const twins = hub.of('feishu').slice(before).map((r) => feishuVerified(r).event.header.event_id);
    expect(twins).toHaveLength(2);
    expect(twins[0]).toBe(twins[1]);
    expect(sim.callbacks().filter((c) => c.repeatOf === d.id)).toHaveLength(1);

    hub.answer('feishu', (r) => (feishuVerified(r).signatureOk ? json({}) : { status: 401, body: 'bad signature' }));
    sim.injectCallbackFault({ kind: 'missign' });
    const bad = await sim.click({ messageId, button: 0 });
    expect(feishuVerified(hub.of('feishu').at(-1)!).signatureOk).toBe(false);
    expect(bad.attempts).toHaveLength(1); // Feishu does not redeliver a click
    expect(bad).toMatchObject({ state: 'failed', faults: ['missign'] });
    expect(bad.attempts[0]!.problem).toMatch(/HTTP 401/);

    sim.injectCallbackFault({ kind: 'tamper' });
    await sim.click({ messageId, button: 0 });
    const tampered = hub.of('feishu').at(-1)!;
    expect(tampered.body.startsWith('{"encrypt" :"')).toBe(true);
    expect(feishuVerified(tampered).signatureOk).toBe(false);

    sim.injectCallbackFault({ kind: 'stale', skewSeconds: 600 });
    await sim.click({ messageId, button: 0 });
    const stale = hub.of('feishu').at(-1)!;
    expect(Date.now() / 1000 - Number(stale.headers['x-lark-request-timestamp'])).toBeGreaterThan(590);
    expect(feishuVerified(stale).signatureOk).toBe(true);

    hub.answer('feishu', () => ({ ...json({}), delayMs: 900 }));
    const late = await sim.click({ messageId, button: 0 });
    expect(late.attempts[0]).toMatchObject({ ok: false, deadlineMet: false });
    expect(late.attempts[0]!.error).toMatch(/600 ms/);

    hub.answer('feishu', () => json({ card: { elements: [] } }));
    expect((await sim.click({ messageId, button: 0 })).attempts[0]!.problem).toMatch(/carries a card/);
  });

  it('updates shared cards only, within 14 days and 5 updates/s', async () => {
    const messageId = (await send('ou_zhangwei', reviewCard('rv_1'))).json.data.message_id as string;
    const done = { ...reviewCard('rv_1'), header: { template: 'green', title: { tag: 'plain_text', content: '已通过' } }, elements: [] };
    expect((await api('PATCH', `/open-apis/im/v1/messages/${messageId}`, { content: JSON.stringify(done) })).json.code).toBe(0);
    expect(sim.message(messageId)!.updates).toHaveLength(1);
    await expect(sim.click({ messageId, button: 0 })).rejects.toThrow(/no button/);
    expect((await api('PATCH', `/open-apis/im/v1/messages/${messageId}`, { content: JSON.stringify({ ...done, config: {} }) })).json.code).toBe(230099);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await api('PATCH', `/open-apis/im/v1/messages/${messageId}`, { content: JSON.stringify(done) })).json.code);
    expect(codes).toContain(230020);

    const unshared = (await send('ou_zhangwei', reviewCard('rv_2', false))).json.data.message_id as string;
    expect(sim.message(unshared)!.warnings[0]).toMatch(/not shared/);
    expect((await api('PATCH', `/open-apis/im/v1/messages/${unshared}`, { content: JSON.stringify(done) })).json.code).toBe(230099);

    const old = (await send('ou_zhangwei', reviewCard('rv_3'))).json.data.message_id as string;
    sim.clock.advance(15 * 24 * 3600_000); // (tokens last 2 h on the same clock)
    token = (await api('POST', '/open-apis/auth/v3/tenant_access_token/internal', { app_id: F.appId, app_secret: 'feishu-secret-01' }, null)).json.tenant_access_token;
    expect((await api('PATCH', `/open-apis/im/v1/messages/${old}`, { content: JSON.stringify(done) })).json.code).toBe(230031);
    expect((await api('PATCH', '/open-apis/im/v1/messages/om_nope', { content: JSON.stringify(done) })).json.code).toBe(230001);
  });

  it('shows the cards on its page, clicks from the page form, and exposes /_sim/state', async () => {
    const messageId = (await send('ou_zhangwei', reviewCard('rv_1'))).json.data.message_id as string;
    const page = await (await fetch(`${sim.url}/`)).text();
    expect(page).toContain('AI面试复核：张三 · 门店促销员');
    expect(page).toContain('张伟');
    expect(page).toMatch(/<form class="inline" method="post" action="\/_sim\/click">.*name="messageId" value="om_/);
    const form = await fetch(`${sim.url}/_sim/click`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ messageId, userId: 'ou_zhangwei', button: '2' }).toString(),
    });
    expect(form.status).toBe(303);
    expect(feishuVerified(hub.of('feishu').at(-1)!).event.event.action.value.act).toBe('reinterview');
    const flash = await (await fetch(`${sim.url}${form.headers.get('location')}`)).text();
    expect(flash).toContain('200 in');
    const state = await (await fetch(`${sim.url}/_sim/state`)).json() as any;
    expect(state.messages[0].messageId).toBe(messageId);
    expect(state.callbacks.at(-1).attempts[0].ok).toBe(true);
    const viaJson = await (await fetch(`${sim.url}/_sim/click`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId, button: 'approve' }) })).json() as any;
    expect(viaJson.attempts[0].status).toBe(200);
  });
});

// ---- DingTalk ----
const DING_TENANT = { tenantId: 't_ding', appKey: D.ownerKey, appSecret: 'ding-secret-01', agentId: 3_000_001, corpId: D.corpId, token: D.token, aesKey: D.aesKey,
  users: [{ userId: '0621371839441234', name: '张伟' }, { userId: '0831122334455667', name: '李娜' }, { userId: '0999888777666555', name: '王芳' }] };

function dingVerified(r: ReceivedCallback): { signatureOk: boolean; event: any; receiveId: string } {
  const signature = r.query.msg_signature ?? r.query.signature;
  const timestamp = r.query.timestamp ?? r.query.timeStamp;
  const { encrypt } = JSON.parse(r.body) as { encrypt: string };
  const opened = bizOpen(D.aesKey, encrypt);
  return { signatureOk: bizSign(D.token, timestamp!, r.query.nonce!, encrypt) === signature, event: JSON.parse(opened.msg), receiveId: opened.receiveId };
}

describe('DingTalk simulator', () => {
  let sim: DingTalkSimulator;
  let token: string;
  const v1 = async (method: string, path: string, body?: unknown, accessToken: string | null = token) => {
    const res = await fetch(`${sim.url}${path}`, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(accessToken ? { 'x-acs-dingtalk-access-token': accessToken } : {}) },
    });
    return { status: res.status, json: await res.json() as any };
  };
  const FORM = [{ name: '候选人', value: '张三' }, { name: '岗位', value: '门店促销员' }, { name: 'AI评分', value: '82/100' }, { name: '复核详情', value: 'https://hub.example.cn/review/rv_1' }];
  const create = (overrides: Record<string, unknown> = {}) => v1('POST', '/v1.0/workflow/processInstances', {
    originatorUserId: '0999888777666555', processCode: 'PROC-HB-REVIEW-0001', deptId: -1,
    approvers: [{ actionType: 'OR', userIds: ['0621371839441234', '0831122334455667'] }], formComponentValues: FORM, ...overrides,
  });

  beforeEach(async () => {
    sim = await startDingTalkSimulator({ hubUrl: hub.url, tenants: [DING_TENANT], redeliveryScale: 0.0001 });
    const t = await v1('POST', '/v1.0/oauth2/accessToken', { appKey: D.ownerKey, appSecret: 'ding-secret-01' }, null);
    expect(t).toMatchObject({ status: 200, json: { expireIn: 7200 } });
    token = t.json.accessToken;
    hub.answer('dingtalk', () => json(JSON.parse(dingTalkSuccess(D.token, D.aesKey, D.ownerKey))));
  });
  afterEach(async () => { await sim.close(); });

  it('checks credentials, tokens and the approval request as DingTalk does', async () => {
    expect(await v1('POST', '/v1.0/oauth2/accessToken', { appKey: D.ownerKey, appSecret: 'nope' }, null)).toMatchObject({ status: 400, json: { code: 'invalidClientIdOrSecret' } });
    expect(await create({}).then((r) => r.status)).toBe(200);
    expect(await v1('POST', '/v1.0/workflow/processInstances', {}, 'forged')).toMatchObject({ status: 401, json: { code: 'InvalidAuthentication' } });
    expect((await create({ deptId: undefined })).json.message).toMatch(/deptId/);
    expect((await create({ processCode: 'PROC-OTHER' })).json.message).toMatch(/processCode/);
    expect((await create({ approvers: Array.from({ length: 21 }, () => ({ actionType: 'OR', userIds: ['x'] })) })).json.message).toMatch(/20/);
    expect((await create({ formComponentValues: FORM.slice(0, 3) })).json.message).toMatch(/复核详情/);
    const second = await create({});
    expect(sim.instance(second.json.instanceId)!.warnings[0]).toMatch(/second approval/);
    sim.expireTokens();
    expect((await create({})).status).toBe(401);
  });

  it('sends check_url and judges the encrypted success answer', async () => {
    const ok = await sim.checkUrl(DING_TENANT.tenantId);
    const r = hub.of('dingtalk').at(-1)!;
    expect(dingVerified(r)).toMatchObject({ signatureOk: true, event: { EventType: 'check_url' }, receiveId: D.ownerKey });
    expect(r.query.timestamp).toMatch(/^\d{13}$/);
    expect(ok.attempts[0]).toMatchObject({ ok: true, answer: 'success', deadlineMs: 1500 });

    hub.answer('dingtalk', () => json(JSON.parse(dingTalkSuccess(D.token, D.aesKey, 'dingWRONG'))));
    expect((await sim.checkUrl(DING_TENANT.tenantId)).attempts[0]!.problem).toMatch(/ownerKey/);
    hub.answer('dingtalk', () => json({ success: true }));
    expect((await sim.checkUrl(DING_TENANT.tenantId)).attempts[0]!.ok).toBe(false);
  });

  it('an approver\'s agree pushes task start, finish, cancel of the other 或签 approver and instance finish', async () => {
    const { instanceId } = (await create()).json;
    const before = hub.of('dingtalk').length;
    const pushes = await sim.act({ instanceId, userId: '0621371839441234', action: 'agree', remark: '形象好，沟通顺畅' });
    const events = hub.of('dingtalk').slice(before).map(dingVerified);
    expect(events.every((e) => e.signatureOk && e.receiveId === D.ownerKey)).toBe(true);
    expect(events.map((e) => `${e.event.EventType}:${e.event.type}:${e.event.result ?? ''}:${e.event.staffId}`)).toEqual([
      'bpms_task_change:start::0621371839441234',
      'bpms_task_change:finish:agree:0621371839441234',
      'bpms_task_change:cancel::0831122334455667',
      'bpms_instance_change:finish:agree:0999888777666555',
    ]);
    const finish = events[1]!.event;
    expect(finish).toMatchObject({ processInstanceId: instanceId, processCode: 'PROC-HB-REVIEW-0001', remark: '形象好，沟通顺畅', CorpId: D.corpId, title: 'AI面试复核：张三 · 门店促销员' });
    expect(finish.eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof finish.taskId).toBe('number');
    expect(new Set(events.map((e) => e.event.eventId)).size).toBe(4);
    expect(events[3]!.event.url).toContain(instanceId);
    expect(pushes.every((p) => p.attempts[0]!.ok)).toBe(true);
    expect(sim.instance(instanceId)).toMatchObject({ status: 'COMPLETED', result: 'agree' });
    await expect(sim.act({ instanceId, userId: '0831122334455667', action: 'refuse' })).rejects.toThrow(/COMPLETED/);

    const view = await v1('GET', `/v1.0/workflow/processInstances?processInstanceId=${instanceId}`);
    expect(view.json.result).toMatchObject({ status: 'COMPLETED', result: 'agree' });
    expect(view.json.result.operationRecords.map((o: any) => o.result)).toEqual(['NONE', 'AGREE']);
  });

  it('redirect hands the task on; legacy pushes lack eventId and spell corpId; signature/timeStamp spelling', async () => {
    const { instanceId } = (await create({ approvers: [{ actionType: 'NONE', userIds: ['0621371839441234'] }] })).json;
    const before = hub.of('dingtalk').length;
    await sim.act({ instanceId, userId: '0621371839441234', action: 'redirect', redirectTo: '0831122334455667', legacy: true, spelling: 'signature' });
    const received = hub.of('dingtalk').slice(before);
    expect(received[0]!.query).toHaveProperty('signature');
    expect(received[0]!.query).toHaveProperty('timeStamp');
    const events = received.map(dingVerified);
    expect(events.every((e) => e.signatureOk)).toBe(true);
    expect(events[1]!.event).toMatchObject({ type: 'finish', result: 'redirect', corpId: D.corpId });
    expect(events[1]!.event).not.toHaveProperty('eventId');
    expect(events[1]!.event).not.toHaveProperty('taskId');
    expect(events[2]!.event).toMatchObject({ type: 'start', staffId: '0831122334455667' });
    await sim.act({ instanceId, userId: '0831122334455667', action: 'refuse', remark: '不合适' });
    expect(sim.instance(instanceId)).toMatchObject({ status: 'COMPLETED', result: 'refuse' });
  });

  it('redelivers a push until the answer is right, and on request unchanged or with a new nonce', async () => {
    const { instanceId } = (await create()).json;
    hub.answer('dingtalk', (_r, n) => (n % 3 === 0 ? json(JSON.parse(dingTalkSuccess(D.token, D.aesKey, D.ownerKey))) : json({ errcode: 0 })));
    const before = hub.of('dingtalk').length;
    const [first] = await sim.act({ instanceId, userId: '0831122334455667', action: 'comment', remark: '再看看' });
    await sim.callbacksIdle(5000);
    const d = sim.callbacks().find((c) => c.id === first!.id)!;
    expect(d.state).toBe('delivered');
    expect(d.attempts.map((a) => a.ok)).toEqual(d.attempts.map((_, i) => i === d.attempts.length - 1));
    expect(d.attempts.length).toBeGreaterThan(1);
    const sent = hub.of('dingtalk').slice(before).filter((r) => dingVerified(r).event.type === 'start');
    expect(new Set(sent.map((r) => r.query.nonce)).size).toBe(sent.length); // fresh nonce per attempt
    expect(new Set(sent.map((r) => dingVerified(r).event.eventId)).size).toBe(1); // the same event

    hub.answer('dingtalk', () => json(JSON.parse(dingTalkSuccess(D.token, D.aesKey, D.ownerKey))));
    const again = await sim.redeliver(d.id, { unchanged: true });
    expect(again.repeatOf).toBe(d.id);
    const copy = hub.of('dingtalk').at(-1)!;
    expect(copy.query).toEqual(Object.fromEntries(new URL(d.attempts[0]!.request.url).searchParams));
    expect(copy.body).toBe(d.attempts[0]!.request.body);
    const fresh = await sim.redeliver(d.id);
    expect(fresh.attempts[0]!.request.url).not.toBe(d.attempts[0]!.request.url);
    expect(dingVerified(hub.of('dingtalk').at(-1)!).event.eventId).toBe(dingVerified(copy).event.eventId);
  });

  it('mis-signs on request', async () => {
    sim.injectCallbackFault({ kind: 'missign', match: 'check_url' });
    await sim.checkUrl(DING_TENANT.tenantId);
    expect(dingVerified(hub.of('dingtalk').at(-1)!).signatureOk).toBe(false);
    await sim.checkUrl(DING_TENANT.tenantId);
    expect(dingVerified(hub.of('dingtalk').at(-1)!).signatureOk).toBe(true);
  });

  it('terminates running instances older than 15 s and pushes the terminate event', async () => {
    const { instanceId } = (await create()).json;
    const terminate = () => v1('POST', '/v1.0/workflow/processInstances/terminate', { processInstanceId: instanceId, isSystem: true, remark: '已在其他渠道处理' });
    expect((await terminate()).json.message).toMatch(/15/);
    sim.clock.advance(15_000);
    const before = hub.of('dingtalk').length;
    expect((await terminate()).json).toEqual({ success: true, result: true });
    await sim.callbacksIdle(5000);
    expect(hub.of('dingtalk').slice(before).map((r) => dingVerified(r).event)).toMatchObject([{ EventType: 'bpms_instance_change', type: 'terminate', processInstanceId: instanceId }]);
    expect(sim.instance(instanceId)).toMatchObject({ status: 'TERMINATED', terminated: { isSystem: true, remark: '已在其他渠道处理' } });
    expect((await terminate()).status).toBe(400);
    await expect(sim.act({ instanceId, userId: '0621371839441234', action: 'agree' })).rejects.toThrow(/TERMINATED/);
  });

  it('work notifications: identical content to the same user within a day is dropped', async () => {
    const oapiToken = await (await fetch(`${sim.url}/gettoken?appkey=${D.ownerKey}&appsecret=ding-secret-01`)).json() as any;
    expect(oapiToken).toMatchObject({ errcode: 0, expires_in: 7200 });
    const notify = async (body: unknown, accessToken = oapiToken.access_token) => (await fetch(`${sim.url}/topapi/message/corpconversation/asyncsend_v2?access_token=${accessToken}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    })).json() as Promise<any>;
    const msg = { msgtype: 'action_card', action_card: { title: 'AI面试复核：张三', markdown: '张三 · 第 1 轮', btn_orientation: '1', btn_json_list: [{ title: '通过', action_url: 'http://127.0.0.1:3000/hr/d/hbl1.x.y' }] } };
    const first = await notify({ agent_id: 3_000_001, userid_list: '0621371839441234,0831122334455667', msg });
    expect(first).toMatchObject({ errcode: 0, task_id: expect.any(Number) });
    expect((await notify({ agent_id: 3_000_001, userid_list: '0621371839441234', msg })).errcode).toBe(0);
    const [, second] = sim.notifications();
    expect(second).toMatchObject({ deliveredTo: [], droppedFor: ['0621371839441234'] });
    sim.clock.advance(24 * 3600_000); // the day is over (and the 2 h token too)
    const renewed = await (await fetch(`${sim.url}/gettoken?appkey=${D.ownerKey}&appsecret=ding-secret-01`)).json() as any;
    expect((await notify({ agent_id: 3_000_001, userid_list: '0621371839441234', msg })).errcode).toBe(40014);
    oapiToken.access_token = renewed.access_token;
    await notify({ agent_id: 3_000_001, userid_list: '0621371839441234', msg });
    expect(sim.notifications().at(-1)!.deliveredTo).toEqual(['0621371839441234']);
    expect((await notify({ agent_id: 999, userid_list: '0621371839441234', msg })).errcode).toBe(40056);
    expect((await notify({ agent_id: 3_000_001, userid_list: '0621371839441234', msg }, 'forged')).errcode).toBe(40014);
    const page = await (await fetch(`${sim.url}/`)).text();
    expect(page).toContain('href="http://127.0.0.1:3000/hr/d/hbl1.x.y"');
  });

  it('acts from the page form', async () => {
    const { instanceId } = (await create()).json;
    const page = await (await fetch(`${sim.url}/`)).text();
    expect(page).toContain('待我审批：AI面试复核：张三 · 门店促销员');
    const res = await fetch(`${sim.url}/_sim/click`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ instanceId, userId: '0831122334455667', action: 'refuse', remark: '' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(sim.instance(instanceId)).toMatchObject({ status: 'COMPLETED', result: 'refuse' });
    const state = await (await fetch(`${sim.url}/_sim/state`)).json() as any;
    expect(state.instances[0].instanceId).toBe(instanceId);
  });
});

// ---- WeCom ----
const WECOM_TENANT = { tenantId: 't_wecom', corpId: W.corpId, agentId: W.agentId, secret: 'wecom-secret-01', token: W.token, encodingAESKey: W.encodingAESKey,
  users: [{ userId: 'LiNa', name: '李娜' }, { userId: 'ZhangWei', name: '张伟' }, { userId: 'WangFang', name: '王芳' }] };
const tag = (xml: string, name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${name}>`).exec(xml)?.[1];

function wecomVerified(r: ReceivedCallback): { signatureOk: boolean; xml: string; receiveId: string } {
  const encrypt = r.method === 'GET' ? r.query.echostr! : tag(r.body, 'Encrypt')!;
  const opened = bizOpen(W.encodingAESKey, encrypt);
  return { signatureOk: bizSign(W.token, r.query.timestamp!, r.query.nonce!, encrypt) === r.query.msg_signature, xml: opened.msg, receiveId: opened.receiveId };
}

describe('WeCom simulator', () => {
  let sim: WeComSimulator;
  let token: string;
  const cgi = async (path: string, body?: unknown) => (await fetch(`${sim.url}/cgi-bin${path}`, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  })).json() as Promise<any>;
  const card = (taskId: string, extra: Record<string, unknown> = {}) => ({
    touser: 'LiNa|ZhangWei', msgtype: 'template_card', agentid: W.agentId,
    template_card: {
      card_type: 'button_interaction', source: { desc: 'HireBridge 招聘助手' },
      main_title: { title: 'AI面试复核：张三 · 门店促销员', desc: '综合分 82/100' }, task_id: taskId,
      button_list: [{ text: '通过', style: 1, key: 'approve' }, { text: '不通过', style: 2, key: 'reject' }, { text: '再面一次', style: 3, key: 'reinterview' }],
      ...extra,
    },
    enable_duplicate_check: 1, duplicate_check_interval: 1800,
  });

  beforeEach(async () => {
    sim = await startWeComSimulator({ hubUrl: hub.url, tenants: [WECOM_TENANT], answerDeadlineMs: 300 });
    const t = await cgi(`/gettoken?corpid=${W.corpId}&corpsecret=wecom-secret-01`);
    expect(t).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    token = t.access_token;
    hub.answer('wecom', (r) => (r.method === 'GET' ? { status: 200, body: wecomVerified(r).xml, contentType: 'text/plain' } : { status: 200, body: '' }));
  });
  afterEach(async () => { await sim.close(); });

  it('checks credentials and tokens as WeCom does', async () => {
    expect((await cgi(`/gettoken?corpid=${W.corpId}&corpsecret=wrong`)).errcode).toBe(40001);
    expect((await cgi('/gettoken?corpid=wwnobody&corpsecret=x')).errcode).toBe(40013);
    expect((await cgi('/message/send?access_token=forged', card('hb-rv_1-1'))).errcode).toBe(40014);
    sim.expireTokens();
    expect((await cgi(`/message/send?access_token=${token}`, card('hb-rv_1-1'))).errcode).toBe(42001);
  });

  it('sends template cards once per content and task_id, with a response_code, and checks task_id and buttons', async () => {
    const a = await cgi(`/message/send?access_token=${token}`, card('hb-rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9-1'));
    expect(a).toMatchObject({ errcode: 0, errmsg: 'ok', invaliduser: '', msgid: expect.any(String), response_code: expect.any(String) });
    const again = await cgi(`/message/send?access_token=${token}`, card('hb-rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9-1'));
    expect(again.msgid).toBe(a.msgid);
    expect(sim.messages()).toHaveLength(1);
    expect(sim.message(a.msgid)).toMatchObject({ sends: 2, touser: ['LiNa', 'ZhangWei'] });
    expect((await cgi(`/message/send?access_token=${token}`, card('hb-rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9-1', { sub_title_text: 'changed' }))).errcode).toBe(40058);
    expect((await cgi(`/message/send?access_token=${token}`, card('hb rv!'))).errcode).toBe(40058);
    expect((await cgi(`/message/send?access_token=${token}`, card('t'.repeat(129)))).errcode).toBe(40058);
    const seven = Array.from({ length: 7 }, (_, i) => ({ text: `b${i}`, key: `k${i}` }));
    expect((await cgi(`/message/send?access_token=${token}`, card('hb-rv_2-1', { button_list: seven }))).errcode).toBe(40058);
    expect((await cgi(`/message/send?access_token=${token}`, { ...card('hb-rv_3-1'), agentid: 1 })).errcode).toBe(40056);
    const partly = await cgi(`/message/send?access_token=${token}`, { ...card('hb-rv_4-1'), touser: 'LiNa|Nobody' });
    expect(partly).toMatchObject({ errcode: 0, invaliduser: 'Nobody' });
    expect((await cgi(`/message/send?access_token=${token}`, { ...card('hb-rv_5-1'), touser: 'Nobody' })).errcode).toBe(81013);
  });

  it('runs the GET verification with an encoded numeric echostr and checks the echo exactly', async () => {
    const v = await sim.verifyCallbackUrl(WECOM_TENANT.tenantId);
    const r = hub.of('wecom').at(-1)!;
    expect(r.method).toBe('GET');
    const { signatureOk, xml, receiveId } = wecomVerified(r);
    expect(signatureOk).toBe(true);
    expect(receiveId).toBe(W.corpId);
    expect(xml).toMatch(/^\d{19}$/);
    expect(r.query.timestamp).toMatch(/^\d{10}$/);
    expect(v.attempts[0]).toMatchObject({ ok: true, deadlineMs: 1000, answer: xml });
    hub.answer('wecom', (x) => ({ status: 200, body: JSON.stringify(wecomVerified(x).xml), contentType: 'application/json' }));
    expect((await sim.verifyCallbackUrl(WECOM_TENANT.tenantId)).attempts[0]!.problem).toMatch(/exactly/);
  });

  it('a click sends a template_card_event the hub can verify and decrypt; each response code works once, within 72 h', async () => {
    const sent = await cgi(`/message/send?access_token=${token}`, card('hb-rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9-1'));
    const d = await sim.click({ taskId: 'hb-rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9-1', userId: 'LiNa', button: 'reject' });
    const r = hub.of('wecom').at(-1)!;
    expect(r.method).toBe('POST');
    expect(tag(r.body, 'ToUserName')).toBe(W.corpId);
    expect(tag(r.body, 'AgentID')).toBe(String(W.agentId));
    const { signatureOk, xml, receiveId } = wecomVerified(r);
    expect(signatureOk && receiveId === W.corpId).toBe(true);
    expect({ from: tag(xml, 'FromUserName'), event: tag(xml, 'Event'), key: tag(xml, 'EventKey'), task: tag(xml, 'TaskId'), type: tag(xml, 'MsgType') })
      .toEqual({ from: 'LiNa', event: 'template_card_event', key: 'reject', task: 'hb-rv_01JDZ8Q4K7M2N3P4Q5R6S7T8V9-1', type: 'event' });
    expect(Math.abs(Number(tag(xml, 'CreateTime')) - Date.now() / 1000)).toBeLessThan(5);
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0]).toMatchObject({ ok: true, status: 200, deadlineMs: 300 });

    const clickCode = tag(xml, 'ResponseCode')!;
    const update = (code: string, extra: Record<string, unknown> = {}) => cgi(`/message/update_template_card?access_token=${token}`, {
      userids: ['LiNa'], agentid: W.agentId, response_code: code, button: { replace_name: '已不通过 · 李娜' }, ...extra,
    });
    expect(await update(clickCode)).toEqual({ errcode: 0, errmsg: 'ok', invaliduser: [] });
    expect((await update(clickCode)).errcode).toBe(60140);
    expect(sim.message(sent.msgid)!.copies.find((c) => c.userId === 'LiNa')!.replacedButton).toBe('已不通过 · 李娜');
    await expect(sim.click({ msgid: sent.msgid, userId: 'LiNa', button: 0 })).rejects.toThrow(/no buttons/);
    expect(await update(sent.response_code, { userids: ['LiNa', 'ZhangWei'] })).toMatchObject({ errcode: 0 });
    expect(sim.message(sent.msgid)!.copies.every((c) => c.replacedButton !== undefined)).toBe(true);
    expect(sim.responseCodes({ msgid: sent.msgid }).every((c) => c.usedAt !== undefined)).toBe(true);

    const other = await cgi(`/message/send?access_token=${token}`, card('hb-rv_9-1'));
    sim.clock.advance(72 * 3600_000 + 1000); // (tokens last 2 h on the same clock)
    expect((await update(other.response_code)).errcode).toBe(42001);
    token = (await cgi(`/gettoken?corpid=${W.corpId}&corpsecret=wecom-secret-01`)).access_token;
    expect((await update(other.response_code)).errcode).toBe(60140);
  });

  it('resends the same request when the answer is late or not empty, three times in all; faults on request', async () => {
    await cgi(`/message/send?access_token=${token}`, card('hb-rv_7-1'));
    hub.answer('wecom', () => ({ status: 200, body: '', delayMs: 500 }));
    const before = hub.of('wecom').length;
    const d = await sim.click({ taskId: 'hb-rv_7-1', userId: 'ZhangWei', button: 0 });
    await sim.callbacksIdle(5000);
    const got = hub.of('wecom').slice(before);
    expect(got).toHaveLength(3);
    expect(new Set(got.map((r) => `${r.query.msg_signature}|${r.query.nonce}|${r.body}`)).size).toBe(1);
    expect(d.state).toBe('failed');
    expect(d.attempts.map((a) => a.deadlineMet)).toEqual([false, false, false]);

    hub.answer('wecom', (_r, n) => ({ status: 200, body: n % 2 === 0 ? '' : 'success' }));
    const second = await sim.click({ taskId: 'hb-rv_7-1', userId: 'ZhangWei', button: 'approve' });
    await sim.callbacksIdle(5000);
    expect(second.attempts[0]!.problem).toMatch(/empty/);

    hub.answer('wecom', (r) => ({ status: wecomVerified(r).signatureOk ? 200 : 401, body: '' }));
    sim.injectCallbackFault({ kind: 'missign' });
    const bad = await sim.click({ taskId: 'hb-rv_7-1', userId: 'ZhangWei', button: 'approve' });
    await sim.callbacksIdle(5000);
    expect(bad.attempts.map((a) => a.status)).toEqual([401, 401, 401]);

    sim.injectCallbackFault({ kind: 'stale' });
    await sim.click({ taskId: 'hb-rv_7-1', userId: 'ZhangWei', button: 'approve' });
    expect(Date.now() / 1000 - Number(hub.of('wecom').at(-1)!.query.timestamp)).toBeGreaterThan(590);

    sim.injectCallbackFault({ kind: 'duplicate' });
    const beforeDup = hub.of('wecom').length;
    await sim.click({ taskId: 'hb-rv_7-1', userId: 'ZhangWei', button: 'approve' });
    await sim.callbacksIdle(5000);
    const dup = hub.of('wecom').slice(beforeDup);
    expect(dup).toHaveLength(2);
    expect(dup[0]!.body).toBe(dup[1]!.body);
  });

  it('shows each person\'s copy and clicks from the page form', async () => {
    const sent = await cgi(`/message/send?access_token=${token}`, card('hb-rv_8-1'));
    const page = await (await fetch(`${sim.url}/`)).text();
    expect(page).toContain('李娜');
    expect(page).toContain('AI面试复核：张三 · 门店促销员');
    const res = await fetch(`${sim.url}/_sim/click`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ msgid: sent.msgid, userId: 'ZhangWei', button: '0' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(tag(wecomVerified(hub.of('wecom').at(-1)!).xml, 'FromUserName')).toBe('ZhangWei');
    const state = await (await fetch(`${sim.url}/_sim/state`)).json() as any;
    expect(state.responseCodes).toHaveLength(2);
  });
});

it('every simulator listens on 127.0.0.1 and closes cleanly', async () => {
  const sims = await Promise.all([startFeishuSimulator(), startDingTalkSimulator(), startWeComSimulator()]);
  for (const s of sims) expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await Promise.all(sims.map((s) => s.close()));
});
