// What the simulated WeChat official account (服务号) knows (notify-providers.md §4): apps with
// their AppSecret, approved templates (template messages and subscription notices, each with its
// data keys), the users (openid, following or not, consents per subscription template), the
// errcodes it answers with, and the demo tenant's dev app.

export interface WechatTemplate {
  /** `template`: POST /cgi-bin/message/template/send; `subscribe`: …/subscribe/bizsend. */
  kind: 'template' | 'subscribe';
  title: string;
  /** The approved data keys, e.g. thing1, time2: their type prefix sets the value rules (47003). */
  keys: string[];
}

export interface WechatUser {
  openid: string;
  /** Follows the account (template messages need it: 43004). Default true. */
  follows?: boolean;
  /** Subscription template id → notices consented to (one used per send), or 'always'. */
  subscriptions?: Record<string, number | 'always'>;
}

export interface WechatApp {
  tenantId: string;
  appId: string;
  appSecret: string;
  /** template_id → template. */
  templates: Record<string, WechatTemplate>;
  users: WechatUser[];
}

export type WechatMessageKind = 'template' | 'subscribe';

export interface WechatMessage {
  tenantId: string;
  appId: string;
  msgid: number;
  kind: WechatMessageKind;
  openid: string;
  templateId: string;
  data: Record<string, string>;
  /** template/send `url`, or bizsend `page`. */
  link?: string;
  clientMsgId?: string;
  /** Template title and the data, one key per line, as the user sees the card. */
  text: string;
  /** Simulated clock, unix ms. */
  acceptedAt: number;
}

/** Every errcode of §4 (injectable), with WeChat's errmsg. */
export const WECHAT_ERRCODES: Record<string, string> = {
  40001: 'invalid credential, access_token is invalid or not latest',
  42001: 'access_token expired',
  40003: 'invalid openid',
  43004: 'require subscribe',
  43101: 'user refuse to accept the msg',
  40037: 'invalid template_id',
  47003: 'argument invalid!',
  45009: 'reach max api daily quota limit',
  [-1]: 'system error',
};

/**
 * Answers §4 does not list (the simulator's choice, after WeChat's codes): a wrong AppID, AppSecret
 * or grant_type at the token endpoint, a missing token, a body that is not the expected JSON.
 */
export const WECHAT_INPUT_ERRCODES: Record<string, string> = {
  40013: 'invalid appid',
  40125: 'invalid appsecret',
  40002: 'invalid grant_type',
  41001: 'access_token missing',
  47001: 'data format error',
  44002: 'empty post data',
};

/** The demo tenant's app for `npm run dev` (env overrides). */
export function devWechatApps(env: NodeJS.ProcessEnv = process.env): WechatApp[] {
  return [{
    tenantId: 'demo',
    appId: env.DEMO_WECHAT_APP_ID ?? 'wx5d3c2b1a0f9e8d7c',
    appSecret: env.DEMO_WECHAT_APP_SECRET ?? 'devwechatappsecret00000000000001',
    templates: {
      tmpl_hb_interview_invite: { kind: 'template', title: '面试邀请通知', keys: ['thing1', 'time2', 'thing3'] },
      tmpl_hb_result_ready: { kind: 'template', title: '应聘结果通知', keys: ['thing1', 'time2'] },
      tmpl_hb_materials_due: { kind: 'template', title: '入职材料提醒', keys: ['thing1', 'time2'] },
      sub_hb_result_ready: { kind: 'subscribe', title: '应聘结果通知', keys: ['thing1', 'time2'] },
      sub_hb_interview_reminder: { kind: 'subscribe', title: '面试提醒', keys: ['thing1', 'time2'] },
    },
    users: [],
  }];
}
